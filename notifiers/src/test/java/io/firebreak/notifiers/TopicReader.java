package io.firebreak.notifiers;

import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning, without a group, collecting values as tests poll. Records that are
 * not readable as {@code V} (a poison-pill test's garbage) are kept raw, apart.
 */
final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<V> reader;
    private final List<V> values = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> unreadable = new ArrayList<>();

    TopicReader(String bootstrapServers, Topic<V> topic, Serdes serdes) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer());
        reader = serdes.value(topic).deserializer();
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything read so far, after one more poll. */
    List<V> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                values.add(reader.deserialize(record.topic(), record.headers(), record.value()));
            } catch (RuntimeException e) {
                unreadable.add(record);
            }
        }
        return List.copyOf(values);
    }

    /** Records that were not {@code V}s, after one more poll. */
    List<ConsumerRecord<String, byte[]>> pollUnreadable() {
        poll();
        return List.copyOf(unreadable);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

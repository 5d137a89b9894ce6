package io.firebreak.notifiers;

import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning, without a group, collecting values as tests poll. Records that are
 * not readable as {@code V} (a poison-pill test's garbage) are kept raw, apart.
 */
final class TopicReader<V extends SpecificRecord> implements AutoCloseable {

    private final CompactedTopicReader<String, byte[]> topicReader;
    private final Deserializer<V> reader;
    private final List<V> values = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> unreadable = new ArrayList<>();

    TopicReader(String bootstrapServers, Topic<V> topic, Serdes serdes) {
        topicReader = CompactedTopicReader.open(ClientConfigs.from(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))
                .clientId("test-reader-" + UUID.randomUUID()), new StringDeserializer(), new ByteArrayDeserializer());
        reader = serdes.value(topic).deserializer();
        topicReader.assignFromBeginning(List.of(topic.name()), Duration.ofSeconds(60));
    }

    /** Everything read so far, after one more poll. */
    List<V> poll() {
        for (ConsumerRecord<String, byte[]> record : topicReader.poll(Duration.ofMillis(200))) {
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
        topicReader.close();
    }
}

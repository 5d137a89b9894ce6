package io.firebreak.streams;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** A reader of one output topic on the embedded broker that sees what a notifier would: committed records only. */
final class CommittedReader {

    private CommittedReader() {
    }

    /** Subscribed from the earliest offset in a fresh group named {@code groupPrefix} + a random suffix. */
    static <V extends SpecificRecord> KafkaConsumer<String, V> open(EmbeddedCluster cluster, Serdes serdes, Topic<V> topic, String groupPrefix) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // only what a streams transaction committed: an aborted attempt must never look like a page or count
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Serdes.key().deserializer(), serdes.value(topic).deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}

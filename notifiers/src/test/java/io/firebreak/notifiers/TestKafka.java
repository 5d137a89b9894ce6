package io.firebreak.notifiers;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The topics and the publishing producer every broker test of the notifiers needs. */
final class TestKafka {

    private TestKafka() {
    }

    /** Each channel's notify topic (3 partitions) and DLQ, and the compacted deliveries topic, as the app creates them. */
    static void createTopics(EmbeddedCluster cluster, Iterable<String> channels) {
        for (String channel : channels) {
            cluster.createTopic(Topics.notify(channel).name(), 3);
            cluster.createTopic(Topics.deadLetters(channel).name(), 1);
        }
        cluster.createTopic(Topics.DELIVERIES.name(), 3, Map.of("cleanup.policy", "compact"));
    }

    static KafkaProducer<String, byte[]> producer(EmbeddedCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}

package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.coordinator.transaction.AddPartitionsToTxnConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedClusterExtension.class)
class EmbeddedKafkaIT {

    @Test
    void producedRecordsAreConsumedInOrder(EmbeddedCluster cluster) throws Exception {
        String topic = "round-trip-" + UUID.randomUUID();
        cluster.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(consumeValues(cluster.bootstrapServers(), topic, 3, "read_uncommitted")).containsExactly("v0", "v1", "v2");
    }

    @Test
    void transactionalProducerCommitsAndAbortedRecordsStayInvisible(EmbeddedCluster cluster) throws Exception {
        String topic = "transactions-" + UUID.randomUUID();
        cluster.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        assertThat(consumeValues(cluster.bootstrapServers(), topic, 1, "read_committed")).containsExactly("committed");
    }

    /**
     * The broker runs with the add-partition wait (a key it knows, with its value): a transaction begun while the last
     * one's markers are still written waits at the broker instead of bouncing CONCURRENT_TRANSACTIONS to the client.
     * The race itself is not reproducible in a test; its A/B is in bench/README (session 13).
     */
    @Test
    void theBrokerWaitsForAPreviousTransactionsMarkersBeforeRefusingAPartition(EmbeddedCluster cluster) throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(BrokerStorage.NODE_ID));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Config config = admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);

            ConfigEntry wait = config.get(AddPartitionsToTxnConfig.ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS_CONFIG);
            assertThat(wait).isNotNull();
            assertThat(wait.value()).isEqualTo(String.valueOf(EmbeddedKafka.ADD_PARTITION_WAIT_MS));
            assertThat(wait.isDefault()).isFalse();
        }
    }

    @Test
    void restartOnTheSameDirectoryKeepsPortAndData(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            int port = kafka.port();
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of())) {
                producer.send(new ProducerRecord<>("survivor", "k", "before-restart")).get(10, TimeUnit.SECONDS);
            }

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.stop(); // idempotent
            kafka.restart();

            assertThat(kafka.port()).isEqualTo(port);
            assertThat(consumeValues(kafka.bootstrapServers(), "survivor", 1, "read_uncommitted")).containsExactly("before-restart");
        }
        // A new broker on the same directory finds the topic too (the standalone command's restart).
        try (EmbeddedKafka again = EmbeddedKafka.start(dataDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("survivor");
        }
    }

    @Test
    void aTakenPortFailsTheStartAndLeavesTheDirectoryUsable(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, taken.getLocalPort(), 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
             KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of())) {
            assertThat(producer.send(new ProducerRecord<>("after-failed-start", "k", "v")).get(10, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    static KafkaProducer<String, String> producer(String bootstrapServers, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static List<String> consumeValues(String bootstrapServers, String topic, int expected, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // one more poll: nothing beyond what was expected may show up (e.g. an aborted record)
            consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}

package io.firebreak.streams.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The correlation lag on a real broker: the age of the oldest record the group has not processed, read at the group's
 * committed offsets through transaction markers and aborted records (ingest writes its inputs transactionally), with a
 * fixed clock so the expected ages are exact.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class InputLagIT {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void lagIsTheAgeOfTheOldestRecordNotYetCommittedByTheGroup(EmbeddedCluster cluster) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String signals = "lag-signals-" + run;
        String actions = "lag-actions-" + run;
        String group = "lag-app-" + run;
        cluster.createTopic(signals, 2);
        cluster.createTopic(actions, 1);
        TopicPartition p0 = new TopicPartition(signals, 0);
        TopicPartition p1 = new TopicPartition(signals, 1);
        TopicPartition a0 = new TopicPartition(actions, 0);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-it-" + run), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int age : List.of(300, 200, 100)) {
                producer.send(new ProducerRecord<>(signals, 0, NOW.minusSeconds(age).toEpochMilli(), "cluster-a", "alert " + age));
            }
            producer.send(new ProducerRecord<>(signals, 1, NOW.minusSeconds(50).toEpochMilli(), "cluster-b", "alert 50"));
            producer.commitTransaction();
            // an aborted write leaves offsets a read_committed reader never sees: they must not count as waiting
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(actions, 0, NOW.minusSeconds(900).toEpochMilli(), "cluster-a", "aborted ack"));
            producer.flush();
            producer.abortTransaction();
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
             InputLag lag = new InputLag(admin, peekConsumer(cluster), group, List.of(signals, actions), Clock.fixed(NOW, ZoneOffset.UTC))) {
            // nothing committed yet: the group would start at the earliest record
            assertThat(lag.sample()).isEqualTo(Duration.ofSeconds(300));

            commit(cluster, group, Map.of(p0, 1L, p1, 0L, a0, 0L));
            assertThat(lag.sample()).isEqualTo(Duration.ofSeconds(200));

            commit(cluster, group, Map.of(p0, 3L, p1, 0L, a0, 0L));
            assertThat(lag.sample()).isEqualTo(Duration.ofSeconds(50));

            // each next offset is past the last record but before the commit marker: nothing is waiting anywhere
            commit(cluster, group, Map.of(p0, 3L, p1, 1L, a0, 0L));
            assertThat(lag.sample()).isEqualTo(Duration.ZERO);
        }
    }

    private static KafkaConsumer<byte[], byte[]> peekConsumer(EmbeddedCluster cluster) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void commit(EmbeddedCluster cluster, String group, Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }
}

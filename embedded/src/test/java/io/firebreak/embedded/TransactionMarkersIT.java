package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.HangingTransactions.OpenTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two halves of the hanging-transaction repair against a real broker: the coordinator's log says what it decided
 * (and in the shape {@link TransactionOutcomes#outcome} expects), and a commit marker written from outside makes an open
 * transaction's records visible to read_committed readers.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class TransactionMarkersIT {

    @Test
    void theCoordinatorsLogNamesTheCommittedTransactionAtTheNextEpoch(EmbeddedCluster cluster) throws Exception {
        TopicPartition partition = newPartition(cluster, "outcomes-");
        try (KafkaProducer<String, String> producer = transactional(cluster)) {
            ProducerState open = openTransaction(cluster, producer, partition, "v");
            producer.commitTransaction();

            OpenTransaction asLeftByACrash = new OpenTransaction(partition, open.producerId(), open.producerEpoch(), 0, 0);
            assertThat(TransactionOutcomes.outcome(asLeftByACrash, TransactionOutcomes.readPrepared(cluster.bootstrapServers())))
                    .hasValueSatisfying(outcome -> {
                        assertThat(outcome.commit()).isTrue();
                        assertThat(outcome.markerEpoch()).isEqualTo((short) (open.producerEpoch() + 1));
                    });
        }
    }

    @Test
    void aCommitMarkerMakesAnOpenTransactionVisibleToReadCommittedReaders(EmbeddedCluster cluster) throws Exception {
        TopicPartition partition = newPartition(cluster, "markers-");
        try (KafkaProducer<String, String> producer = transactional(cluster)) {
            ProducerState open = openTransaction(cluster, producer, partition, "acknowledged before the crash");
            assertThat(readCommitted(cluster, partition)).isEmpty();

            TransactionMarkers.write(cluster.bootstrapServers(),
                    new OpenTransaction(partition, open.producerId(), open.producerEpoch(), open.coordinatorEpoch().orElse(0), 0),
                    new TransactionOutcomes.Outcome(true, open.producerId(), (short) (open.producerEpoch() + 1), (short) 2));

            assertThat(readCommitted(cluster, partition)).containsExactly("acknowledged before the crash");
        }
    }

    private static TopicPartition newPartition(EmbeddedCluster cluster, String prefix) {
        String topic = prefix + UUID.randomUUID();
        cluster.createTopic(topic, 1);
        return new TopicPartition(topic, 0);
    }

    /** One record sent in a transaction left open; the partition's view of its producer. */
    private static ProducerState openTransaction(EmbeddedCluster cluster, KafkaProducer<String, String> producer,
                                                 TopicPartition partition, String value) throws Exception {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(partition.topic(), "k", value)).get(10, TimeUnit.SECONDS);
        return producerOn(cluster, partition);
    }

    private static KafkaProducer<String, String> transactional(EmbeddedCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "markers-" + UUID.randomUUID()), new StringSerializer(), new StringSerializer());
    }

    private static ProducerState producerOn(EmbeddedCluster cluster, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            return admin.describeProducers(List.of(partition)).partitionResult(partition).get(10, TimeUnit.SECONDS)
                    .activeProducers().get(0);
        }
    }

    /** Everything a read_committed reader sees on the partition (it stops at the first open transaction). */
    static List<String> readCommitted(EmbeddedCluster cluster, TopicPartition partition) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long stableEnd = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < stableEnd) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}

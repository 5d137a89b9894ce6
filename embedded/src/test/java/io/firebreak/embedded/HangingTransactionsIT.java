package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction committed on every partition but one, whose commit marker a kill -9 lost, is committed there too
 * before the restarted cluster is handed to anyone: a producer that writes to that partition again right after the
 * start must not bury it. What the kill -9 soak saw (four PagerDuty triggers lost): the restarted correlation producer
 * wrote to the partition 3 s after the broker started, before the periodic check's second look, and when that
 * transaction aborted, the committed records before it went with it.
 */
class HangingTransactionsIT {

    private static final String TRANSACTIONAL_ID = "correlation-thread-1";

    @Test
    void aCommitWhoseMarkerTheCrashLostIsCommittedBeforeTheRestartedClusterIsUsed(@TempDir Path dataDir) throws Exception {
        TopicPartition elsewhere = new TopicPartition("notify-slack", 0);
        TopicPartition lostMarker = new TopicPartition("notify-pagerduty", 0);
        int port = CrashingBroker.startAndKill(dataDir.resolve("kafka"), "0", TRANSACTIONAL_ID, elsewhere.topic(), lostMarker.topic());
        loseTheMarker(dataDir.resolve("kafka"), lostMarker);

        try (EmbeddedCluster restarted = EmbeddedCluster.start(dataDir, port, 0);
             KafkaProducer<String, String> producer = producer(restarted.bootstrapServers(), TRANSACTIONAL_ID)) {
            // the restarted pipeline's first transaction touches the same partition, and is given up
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(lostMarker.topic(), "incident-2", "a later page")).get(10, TimeUnit.SECONDS);
            producer.abortTransaction();

            assertThat(TransactionMarkersIT.readCommitted(restarted, elsewhere)).containsExactly("committed to notify-slack");
            assertThat(TransactionMarkersIT.readCommitted(restarted, lostMarker)).containsExactly("committed to notify-pagerduty");
        }
    }

    /** The partition as a kill between two of the coordinator's marker writes leaves it: the records there, the marker not. */
    private static void loseTheMarker(Path kafkaDir, TopicPartition partition) throws IOException {
        Path dir = kafkaDir.resolve(partition.topic() + "-" + partition.partition());
        Path log = dir.resolve("00000000000000000000.log");
        OptionalLong markerAt = OptionalLong.empty();
        try (FileRecords records = FileRecords.open(log.toFile())) {
            for (FileChannelRecordBatch batch : records.batches()) {
                if (batch.isControlBatch()) {
                    markerAt = OptionalLong.of(batch.position());
                }
            }
        }
        assertThat(markerAt).as("the commit marker on %s", partition).isPresent();
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(markerAt.getAsLong());
        }
        // a producer snapshot taken after the marker would tell the restarted broker the transaction had ended
        try (Stream<Path> files = Files.list(dir)) {
            for (Path snapshot : files.filter(f -> f.toString().endsWith(".snapshot")).toList()) {
                Files.delete(snapshot);
            }
        }
    }

    static KafkaProducer<String, String> producer(String bootstrapServers, String transactionalId) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new StringSerializer(), new StringSerializer());
    }
}

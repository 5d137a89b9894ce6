package io.firebreak.embedded;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.coordinator.transaction.TransactionLog;
import org.apache.kafka.coordinator.transaction.TransactionMetadata;
import org.apache.kafka.coordinator.transaction.TransactionState;

/**
 * What the transaction coordinator decided for a transaction, read from its own log ({@code __transaction_state}).
 *
 * <p>The coordinator writes {@code PrepareCommit} or {@code PrepareAbort}, listing every partition of the transaction,
 * before it answers the producer's {@code EndTxn} and before it writes any marker. So a partition left with an open
 * transaction after an unclean restart can be ended the way its coordinator decided: a transaction whose
 * {@code PrepareCommit} names the partition was reported committed to its producer (ingest answered 202, correlation
 * moved its offsets on) and must be committed there too; one that never got that far was never reported committed and
 * is aborted. The Admin API offers no "describe a past transaction", hence this reader.
 */
final class TransactionOutcomes {

    private static final String LOG_TOPIC = "__transaction_state";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** The coordinator's decision for one transaction: the epoch and version its markers carry. */
    record Outcome(boolean commit, long producerId, short markerEpoch, short transactionVersion) {
    }

    /** One decision record of the log, reduced to what identifies the transaction. */
    record Decided(long producerId, short producerEpoch, TransactionState state, Set<TopicPartition> partitions,
                   short transactionVersion) {
    }

    private TransactionOutcomes() {
    }

    /**
     * The decision for the transaction {@code open} left on its partition: the prepare record of that producer id at
     * the next epoch naming the partition. Only transactions of protocol version 2 (KIP-890, what Kafka 4 clients use)
     * can be told apart this way: each ends by bumping its producer's epoch, so exactly one prepare record carries
     * epoch + 1. Under version 1 every transaction of a producer shares one epoch, and an earlier transaction's record
     * could be taken for this one's: empty then, as when the coordinator never prepared to end it.
     */
    static Optional<Outcome> outcome(HangingTransactions.OpenTransaction open, List<Decided> log) {
        return log.stream()
                .filter(decided -> decided.transactionVersion() >= 2
                        && decided.producerId() == open.producerId()
                        && decided.producerEpoch() == open.producerEpoch() + 1
                        && decided.partitions().contains(open.partition()))
                .reduce((earlier, later) -> later)
                .map(decided -> new Outcome(decided.state() == TransactionState.PREPARE_COMMIT, decided.producerId(),
                        decided.producerEpoch(), decided.transactionVersion()));
    }

    /** Every prepare record of the coordinator's log, oldest first (the hanging transaction is among the newest). */
    static List<Decided> readPrepared(String bootstrapServers) {
        try (KafkaConsumer<ByteBuffer, ByteBuffer> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "firebreak-embedded-transaction-outcomes",
                ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, "false",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteBufferDeserializer(), new ByteBufferDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(LOG_TOPIC, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<Decided> prepared = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, READ_TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(LOG_TOPIC + " not read to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<ByteBuffer, ByteBuffer> record : consumer.poll(Duration.ofMillis(500))) {
                    decided(record).ifPresent(prepared::add);
                }
            }
            return prepared;
        }
    }

    private static Optional<Decided> decided(ConsumerRecord<ByteBuffer, ByteBuffer> record) {
        if (record.key() == null || record.value() == null) {
            return Optional.empty();
        }
        if (!(TransactionLog.read(record.key(), record.value()) instanceof TransactionLog.TxnRecord txn)) {
            return Optional.empty();
        }
        TransactionMetadata metadata = txn.metadata();
        if (metadata.state() != TransactionState.PREPARE_COMMIT && metadata.state() != TransactionState.PREPARE_ABORT) {
            return Optional.empty();
        }
        return Optional.of(new Decided(metadata.producerId(), metadata.producerEpoch(), metadata.state(),
                metadata.topicPartitions().stream().collect(Collectors.toUnmodifiableSet()),
                metadata.clientTransactionVersion().featureLevel()));
    }
}

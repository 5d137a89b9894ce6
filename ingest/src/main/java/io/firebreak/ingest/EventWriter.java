package io.firebreak.ingest;

import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.kafka.ClientConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes each request's events in one Kafka transaction and returns only after the commit: a request's
 * events become visible to read_committed consumers all together, exactly once, or not at all.
 *
 * <p>Group commit: a producer has at most one open transaction, so one writer thread owns it
 * ({@link KafkaTransactions}) and, while a transaction is in flight, the requests that arrive queue up; the next
 * transaction carries all of them, at most {@value #MAX_RECORDS_PER_TRANSACTION} records or
 * {@value #MAX_BYTES_PER_TRANSACTION} bytes (a bigger single request goes alone, whole). Each request returns
 * when the transaction that carried it committed, or throws {@link KafkaUnavailableException} if it failed, so
 * each request stays all-or-nothing and nothing is acknowledged before Kafka acknowledged it; see
 * {@link GroupCommit} for what a timeout means. Throughput then grows with concurrency instead of being one
 * transaction per request.
 *
 * <p>Serialization (and schema registration) happens on the request's thread before it queues: a record that
 * is too large or a schema the registry refuses fails that request alone, never the others of its transaction.
 *
 * <p>Every blocking Kafka call is bounded by {@code kafkaTimeout} ({@code max.block.ms},
 * {@code request.timeout.ms}, {@code delivery.timeout.ms}); a request waits at most {@code kafkaTimeout} for a
 * transaction to take it, then gets a 503.
 */
public final class EventWriter implements EventSink, AutoCloseable {

    /** Room left in {@code max.request.size} for the record batch framing around one record. */
    private static final int BATCH_OVERHEAD_BYTES = 1024;
    private static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    /** Bounds one transaction's work so a backlog drains in steady steps and no commit runs long. */
    static final int MAX_RECORDS_PER_TRANSACTION = 500;
    static final long MAX_BYTES_PER_TRANSACTION = 1024 * 1024;

    private final Serdes serdes;
    private final Duration kafkaTimeout;
    private final int maxRecordBytes;
    private final KafkaTransactions transactions;
    private final GroupCommit<ProducerRecord<String, byte[]>> groupCommit;

    /**
     * A writer with a random {@code transactional.id}, for one that is never restarted (tests, tools): after a crash
     * nobody would fence it, and the transaction it left open would hold read_committed readers until it times out.
     *
     * @param kafkaConfig producer settings, at least {@code bootstrap.servers}; the delivery guarantees
     *                    (acks, idempotence, transactional id, timeouts, serializers) are set here and win
     */
    public EventWriter(Map<String, Object> kafkaConfig, Serdes serdes, Duration kafkaTimeout) {
        this(kafkaConfig, serdes, kafkaTimeout, "firebreak-ingest-" + UUID.randomUUID());
    }

    /**
     * @param transactionalId this instance's own, the same after a restart: the restarted writer's first
     *                        {@code initTransactions()} then fences the crashed one and the coordinator aborts the
     *                        transaction it left open at once, so read_committed readers (correlation) are not held
     *                        behind it. Two live writers must never share one: each would fence the other.
     */
    public EventWriter(Map<String, Object> kafkaConfig, Serdes serdes, Duration kafkaTimeout, String transactionalId) {
        Objects.requireNonNull(kafkaConfig, "kafkaConfig");
        if (transactionalId == null || transactionalId.isBlank()) {
            throw new IllegalArgumentException("transactionalId must not be blank");
        }
        if (!kafkaConfig.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("kafkaConfig needs " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        if (kafkaTimeout == null || kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("kafkaTimeout must be positive, got " + kafkaTimeout);
        }
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.kafkaTimeout = kafkaTimeout;
        Map<String, Object> producerConfig = producerConfig(kafkaConfig, kafkaTimeout, transactionalId);
        this.maxRecordBytes = Integer.parseInt(String.valueOf(producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                - BATCH_OVERHEAD_BYTES;
        this.transactions = new KafkaTransactions(producerConfig, kafkaTimeout);
        this.groupCommit = GroupCommit.start("firebreak-ingest-writer", transactions::commit,
                new GroupCommit.Limits(MAX_RECORDS_PER_TRANSACTION, MAX_BYTES_PER_TRANSACTION), kafkaTimeout);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration kafkaTimeout, String transactionalId) {
        Map<String, Object> config = ClientConfigs.acknowledgedProducer(kafkaConfig);
        // A write has up to two blocking phases (send's metadata wait, then the commit; plus initTransactions on a
        // fresh producer), each bounded by max.block.ms: half the budget each keeps a failing write near kafkaTimeout.
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, kafkaTimeout.toMillis() / 2));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // the commit flushes anyway; lingering only adds latency
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs); // must be >= linger + request timeout
        // If this instance dies mid-transaction, read_committed consumers wait for the coordinator to abort it:
        // keep that short, but well above one write's own time budget.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(10_000, 6L * timeoutMs));
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DEFAULT_MAX_REQUEST_BYTES);
        return Map.copyOf(config);
    }

    @Override
    public void write(List<? extends EventRecord<?>> records) {
        if (records.isEmpty()) {
            return;
        }
        // Serialize (and register schemas) before queueing: a slow registry must not hold up Kafka writes, and a
        // record that cannot be written fails this request alone.
        List<ProducerRecord<String, byte[]>> serialized = serialize(records);
        groupCommit.commit(serialized, serialized.stream().mapToLong(EventWriter::bytes).sum());
    }

    /** Kafka transactions committed so far; fewer than the writes when concurrent writes share transactions. */
    long transactionsCommitted() {
        return groupCommit.transactionsCommitted();
    }

    /** Writes (requests) committed so far. */
    long writesCommitted() {
        return groupCommit.requestsCommitted();
    }

    private static long bytes(ProducerRecord<String, byte[]> record) {
        return record.value().length + record.key().getBytes(StandardCharsets.UTF_8).length;
    }

    private List<ProducerRecord<String, byte[]>> serialize(List<? extends EventRecord<?>> records) {
        List<ProducerRecord<String, byte[]>> serialized = new ArrayList<>(records.size());
        for (EventRecord<?> record : records) {
            serialized.add(serialize(record));
        }
        return serialized;
    }

    private <V extends SpecificRecord> ProducerRecord<String, byte[]> serialize(EventRecord<V> record) {
        Topic<V> topic = record.topic();
        byte[] value = serdes.value(topic).serializer().serialize(topic.name(), record.value());
        int size = value.length + record.key().getBytes(StandardCharsets.UTF_8).length;
        if (size > maxRecordBytes) {
            throw new EventTooLargeException("a " + topic.valueType().getSimpleName() + " for key '" + record.key()
                    + "' is " + size + " bytes, more than the " + maxRecordBytes + " one Kafka record may hold");
        }
        return new ProducerRecord<>(topic.name(), record.key(), value);
    }

    /** Refuses new writes, fails queued ones, lets the transaction in flight finish, then closes the producer. */
    @Override
    public void close() {
        // The transaction in flight ends within the producer's timeouts (at most about 1.5 kafkaTimeout).
        groupCommit.close(kafkaTimeout.multipliedBy(2));
        transactions.close();
    }
}

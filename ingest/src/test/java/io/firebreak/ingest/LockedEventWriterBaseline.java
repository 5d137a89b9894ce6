package io.firebreak.ingest;

import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each request's events in one Kafka transaction and returns only after the commit: a request's
 * events become visible to read_committed consumers all together, exactly once, or not at all.
 *
 * <p>One transactional producer serves every request, one transaction at a time (a fair lock), since a
 * producer has at most one open transaction. Every blocking Kafka call is bounded by {@code kafkaTimeout}
 * ({@code max.block.ms}, {@code request.timeout.ms}, {@code delivery.timeout.ms}).
 *
 * <p>Recovery: after any failure the producer is closed and the next write creates a new one with the
 * <em>same</em> {@code transactional.id}. Its {@code initTransactions()} bumps the producer epoch, which
 * aborts whatever the old producer left open and fences its in-flight batches. That one rule covers
 * abortable errors, fatal errors, fencing and timed-out commits (after which Kafka forbids an abort).
 * A commit that timed out may still have completed at the coordinator; the sender then retries and the
 * duplicate carries the same deterministic event id, which downstream dedup recognises.
 */
final class LockedEventWriterBaseline implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LockedEventWriterBaseline.class);
    /** Room left in {@code max.request.size} for the record batch framing around one record. */
    private static final int BATCH_OVERHEAD_BYTES = 1024;
    private static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    private final Map<String, Object> producerConfig;
    private final Serdes serdes;
    private final Duration kafkaTimeout;
    private final int maxRecordBytes;
    /** Fair so that under load requests commit in arrival order and none starves. */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Failed writes so far; read without the lock by requests deciding whether to wait. */
    private final AtomicLong failures = new AtomicLong();

    // Guarded by lock.
    private Producer<String, byte[]> producer;
    private boolean transactionsInitialized;
    private boolean closed;

    /**
     * @param kafkaConfig producer settings, at least {@code bootstrap.servers}; the delivery guarantees
     *                    (acks, idempotence, transactional id, timeouts, serializers) are set here and win
     */
    LockedEventWriterBaseline(Map<String, Object> kafkaConfig, Serdes serdes, Duration kafkaTimeout) {
        Objects.requireNonNull(kafkaConfig, "kafkaConfig");
        if (!kafkaConfig.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("kafkaConfig needs " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        if (kafkaTimeout == null || kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("kafkaTimeout must be positive, got " + kafkaTimeout);
        }
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.kafkaTimeout = kafkaTimeout;
        this.producerConfig = producerConfig(kafkaConfig, kafkaTimeout);
        this.maxRecordBytes = Integer.parseInt(String.valueOf(producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                - BATCH_OVERHEAD_BYTES;
        // Created eagerly (no network yet) so a bad configuration fails at start-up, not on the first alert.
        this.producer = new KafkaProducer<>(producerConfig);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration kafkaTimeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        // A write has up to two blocking phases (send's metadata wait, then the commit; plus initTransactions on a
        // fresh producer), each bounded by max.block.ms: half the budget each keeps a failing write near kafkaTimeout.
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, kafkaTimeout.toMillis() / 2));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Unique per instance: two ingest instances with one id would fence each other on every request.
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "firebreak-ingest-" + UUID.randomUUID());
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
        // Serialize (and register schemas) before taking the lock: a slow registry must not hold up Kafka writes.
        List<ProducerRecord<String, byte[]>> serialized = serialize(records);
        long failuresBefore = failures.get();
        acquire();
        try {
            if (closed) {
                throw new KafkaUnavailableException("event writer is closed (shutting down)", null);
            }
            if (failures.get() != failuresBefore) {
                // Kafka failed while this request waited: answer now instead of spending another full timeout.
                throw new KafkaUnavailableException("Kafka failed while the write waited for its turn", null);
            }
            commit(serialized);
        } finally {
            lock.unlock();
        }
    }

    private void acquire() {
        try {
            if (!lock.tryLock(kafkaTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new KafkaUnavailableException("no Kafka transaction slot within " + kafkaTimeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting to write", e);
        }
    }

    /** Caller holds the lock. */
    private void commit(List<ProducerRecord<String, byte[]>> records) {
        try {
            Producer<String, byte[]> current = producer();
            current.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                Future<RecordMetadata> sent = current.send(record);
                if (sent.isDone()) {
                    // Already failed (e.g. metadata wait timed out): the transaction is doomed, don't wait per record.
                    sent.get();
                }
            }
            // Flushes every send and fails if any of them failed: success means all records are committed.
            current.commitTransaction();
        } catch (ExecutionException e) {
            throw failed(records.size(), e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(records.size(), new InterruptException(e));
        } catch (KafkaException e) {
            throw failed(records.size(), e);
        }
    }

    /** Caller holds the lock. Any failure retires the producer; see the class comment for why that is enough. */
    private KafkaUnavailableException failed(int records, KafkaException e) {
        failures.incrementAndGet();
        discardProducer();
        if (e instanceof InterruptException) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("event=kafka_write_failed records={} error={} message=\"{}\"", records, e.getClass().getSimpleName(), e.getMessage());
        return new KafkaUnavailableException("Kafka did not commit within " + kafkaTimeout + ": " + e.getMessage(), e);
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
            transactionsInitialized = false;
        }
        if (!transactionsInitialized) {
            producer.initTransactions();
            transactionsInitialized = true;
            LOG.info("event=kafka_producer_ready transactionalId={}", producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("event=kafka_producer_close_failed message=\"{}\"", e.getMessage());
            }
            producer = null;
            transactionsInitialized = false;
        }
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
        int size = value.length + record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > maxRecordBytes) {
            throw new EventTooLargeException("a " + topic.valueType().getSimpleName() + " for key '" + record.key()
                    + "' is " + size + " bytes, more than the " + maxRecordBytes + " one Kafka record may hold");
        }
        return new ProducerRecord<>(topic.name(), record.key(), value);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (producer != null) {
                producer.close(kafkaTimeout);
                producer = null;
            }
        } finally {
            lock.unlock();
        }
    }
}

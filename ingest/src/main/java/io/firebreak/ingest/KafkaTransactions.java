package io.firebreak.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer, one transaction at a time: {@link #commit} returns only once every record is committed.
 * Not thread-safe: {@link GroupCommit}'s writer thread is its only caller.
 *
 * <p>Recovery: after any failure the producer is closed and the next commit creates a new one with the
 * <em>same</em> {@code transactional.id}. Its {@code initTransactions()} bumps the producer epoch, which
 * aborts whatever the old producer left open and fences its in-flight batches. That one rule covers
 * abortable errors, fatal errors, fencing and timed-out commits (after which Kafka forbids an abort).
 * A commit that timed out may still have completed at the coordinator; the sender then retries and the
 * duplicate carries the same deterministic event id, which downstream dedup recognises.
 */
final class KafkaTransactions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactions.class);

    private final Object transactionalId;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Duration kafkaTimeout;
    private Producer<String, byte[]> producer;
    private boolean transactionsInitialized;

    KafkaTransactions(Map<String, Object> producerConfig, Duration kafkaTimeout) {
        this(() -> new KafkaProducer<>(producerConfig), producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG), kafkaTimeout);
    }

    KafkaTransactions(Supplier<Producer<String, byte[]>> producers, Object transactionalId, Duration kafkaTimeout) {
        this.producers = producers;
        this.transactionalId = transactionalId;
        this.kafkaTimeout = kafkaTimeout;
        // Created eagerly (no network yet) so a bad configuration fails at start-up, not on the first alert.
        this.producer = producers.get();
    }

    /**
     * Commits {@code records} in one transaction. A transaction the broker refused outright (not a timeout: nothing of
     * it can have committed, the new producer's epoch bump aborts it) is tried once more on a fresh producer before
     * the request is failed — Kafka 4.4 brokers occasionally refuse a commit that directly follows another
     * ({@code InvalidTxnStateException}), and that must not bounce a batch of alerts back to their senders.
     *
     * @throws KafkaUnavailableException nothing of {@code records} is committed, or (timed-out commit) it may be
     */
    void commit(List<ProducerRecord<String, byte[]>> records) {
        try {
            attempt(records);
        } catch (KafkaUnavailableException first) {
            if (!(first.getCause() instanceof KafkaException cause) || !retryable(cause)) {
                throw first;
            }
            LOG.info("event=kafka_transaction_retried records={} error={}", records.size(), cause.getClass().getSimpleName());
            attempt(records);
        }
    }

    /** Refused by the broker before anything could commit: a timeout (maybe committed) or an interrupt is not. */
    private static boolean retryable(KafkaException e) {
        return !(e instanceof org.apache.kafka.common.errors.TimeoutException) && !(e instanceof InterruptException)
                && !(e instanceof org.apache.kafka.common.errors.RecordTooLargeException);
    }

    private void attempt(List<ProducerRecord<String, byte[]>> records) {
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

    /** Any failure retires the producer; see the class comment for why that is enough. */
    private KafkaUnavailableException failed(int records, KafkaException e) {
        discardProducer();
        if (e instanceof InterruptException) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("event=kafka_write_failed records={} error={} message=\"{}\"", records, e.getClass().getSimpleName(), e.getMessage());
        return new KafkaUnavailableException("Kafka did not commit within " + kafkaTimeout + ": " + e.getMessage(), e);
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
            transactionsInitialized = false;
        }
        if (!transactionsInitialized) {
            producer.initTransactions();
            transactionsInitialized = true;
            LOG.info("event=kafka_producer_ready transactionalId={}", transactionalId);
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

    @Override
    public void close() {
        if (producer != null) {
            producer.close(kafkaTimeout);
            producer = null;
        }
    }
}

package io.firebreak.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: plain Kafka producers on the same broker, with the delivery guarantees ingest uses
 * (acks=all, idempotent), so every firebreak figure can be read as a multiple of what Kafka alone does here.
 */
public final class RawKafkaBench {

    /** Result of one producer run: throughput in records and the latency of each acknowledged unit. */
    public record Result(Throughput records, LatencyStats latency) {
    }

    private static final String OVERRIDE_PREFIX = "bench.producer.";

    private final Brokers cluster;
    private final BenchOptions options;
    private final byte[] value;

    public RawKafkaBench(Brokers cluster, BenchOptions options) {
        this.cluster = cluster;
        this.options = options;
        this.value = new byte[options.recordBytes()];
        new Random(42).nextBytes(value);
    }

    /**
     * N records as fast as one idempotent producer goes, at most {@code maxInFlight} unacknowledged (a closed loop,
     * so the latency is the broker's ack time under full load, not the depth of a 20 MB send queue);
     * latency = send() → ack callback, per record.
     */
    public Result idempotent() {
        String topic = freshTopic("bench.raw.idempotent");
        Histogram latency = LatencyStats.newHistogram(); // written only by the producer's I/O thread
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(null))) {
            send(producer, topic, Math.min(2_000, options.rawRecords()), null, failure); // warm-up, not recorded
            producer.flush();
            long start = System.nanoTime();
            long deadline = start + options.rawTimeLimit().toNanos();
            int sent = send(producer, topic, options.rawRecords(), latency, failure, deadline);
            producer.flush();
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("raw producer failed", failure.get());
            }
            return new Result(new Throughput(sent, elapsed), LatencyStats.of(latency));
        }
    }

    /**
     * One transaction per "request" of k records, one transaction at a time, the way ingest's EventWriter
     * writes an Alertmanager group; latency = beginTransaction() → commitTransaction() returned.
     */
    public Result transactional() {
        String topic = freshTopic("bench.raw.transactional");
        Histogram latency = LatencyStats.newHistogram();
        int k = options.recordsPerTransaction();
        try (Transactions transactions = new Transactions("bench-raw-" + UUID.randomUUID())) {
            for (int i = 0; i < 100; i++) { // warm-up
                transactions.commit(topic, k, i);
            }
            long start = System.nanoTime();
            long deadline = start + options.rawTimeLimit().toNanos();
            int done = 0;
            while (done < options.rawTransactions() && System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                if (transactions.commit(topic, k, done)) {
                    LatencyStats.record(latency, System.nanoTime() - t0);
                    done++;
                }
            }
            if (transactions.failed > 0) {
                System.out.printf("[bench] raw transactional: %d transaction(s) failed and were retried on a new producer%n",
                        transactions.failed);
            }
            return new Result(new Throughput((long) done * k, System.nanoTime() - start), LatencyStats.of(latency));
        }
    }

    /**
     * One transactional producer, replaced when a transaction fails. Kafka 4.4 brokers now and then refuse a commit
     * that follows another directly (InvalidTxnStateException, "COMPLETE_COMMIT, but received transaction marker"),
     * in the warm-up as well as later: the producer is fatal then, and ingest's KafkaTransactions recreates it too — so
     * does the baseline, and counts it.
     */
    private final class Transactions implements AutoCloseable {
        private final String transactionalId;
        private KafkaProducer<String, byte[]> producer;
        private int failed;

        Transactions(String transactionalId) {
            this.transactionalId = transactionalId;
            this.producer = transactionalProducer(transactionalId);
        }

        /** One transaction of k records; false when it failed and the producer was replaced. */
        boolean commit(String topic, int k, int n) {
            try {
                producer.beginTransaction();
                for (int j = 0; j < k; j++) {
                    producer.send(new ProducerRecord<>(topic, key(n), value));
                }
                producer.commitTransaction();
                return true;
            } catch (KafkaException e) {
                failed++;
                producer.close(Duration.ZERO);
                producer = transactionalProducer(transactionalId);
                return false;
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    private KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(transactionalId));
        producer.initTransactions();
        return producer;
    }

    private int send(KafkaProducer<String, byte[]> producer, String topic, int count, Histogram latency,
                     AtomicReference<Exception> failure) {
        return send(producer, topic, count, latency, failure, Long.MAX_VALUE);
    }

    private int send(KafkaProducer<String, byte[]> producer, String topic, int count, Histogram latency,
                     AtomicReference<Exception> failure, long deadline) {
        Semaphore window = new Semaphore(options.maxInFlight());
        int sent = 0;
        while (sent < count && System.nanoTime() < deadline) {
            window.acquireUninterruptibly();
            long t0 = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, key(sent), value), (metadata, e) -> {
                window.release();
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else if (latency != null) {
                    LatencyStats.record(latency, System.nanoTime() - t0);
                }
            });
            sent++;
        }
        return sent;
    }

    /** Keys like ingest's (a cluster name), spread over a few values so every partition gets traffic. */
    private static String key(int n) {
        return "cluster-" + (n % 16);
    }

    private String freshTopic(String prefix) {
        String topic = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        cluster.createTopic(topic, options.partitions());
        return topic;
    }

    private Map<String, Object> producerConfig(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // as ingest's EventWriter: the commit flushes anyway
        }
        // -Dbench.producer.<kafka setting>=<value> tries a raw producer setting without a rebuild
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(OVERRIDE_PREFIX))
                .forEach(name -> config.put(name.substring(OVERRIDE_PREFIX.length()), System.getProperty(name)));
        return config;
    }
}

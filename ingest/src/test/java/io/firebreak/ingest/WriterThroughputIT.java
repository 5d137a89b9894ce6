package io.firebreak.ingest;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A measurement, not a check (the bench module owns performance): requests/s of EventWriter with 8 concurrent
 * writers of 2 Signals each on the embedded broker, printed as {@code THROUGHPUT ...} lines. Opt-in: {@code -Dingest.throughput=true -Dit.test=WriterThroughputIT}.
 */
@ExtendWith(EmbeddedClusterExtension.class)
@EnabledIfSystemProperty(named = "ingest.throughput", matches = "true")
class WriterThroughputIT {

    private static final int WRITERS = 8;
    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final Duration MEASURED = Duration.ofSeconds(8);

    @Test
    void measuresRequestsPerSecondWithEightConcurrentWriters(EmbeddedCluster cluster) throws Exception {
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        Map<String, Object> kafka = Map.of("bootstrap.servers", cluster.bootstrapServers());
        Duration timeout = Duration.ofSeconds(10);
        for (int round = 1; round <= 2; round++) {
            measure(round, new EventWriter(kafka, serdes, timeout));
        }
    }

    private static void measure(int round, EventWriter writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (writer) {
            run(writer, pool, WARMUP, new AtomicLong());
            long transactionsBefore = writer.transactionsCommitted();
            AtomicLong requests = new AtomicLong();
            long started = System.nanoTime();
            run(writer, pool, MEASURED, requests);
            double seconds = (System.nanoTime() - started) / 1e9;
            long transactions = writer.transactionsCommitted() - transactionsBefore;
            System.out.println(String.format("THROUGHPUT round=%d writers=%d requests=%d seconds=%.1f requestsPerSecond=%.0f transactions=%d",
                    round, WRITERS, requests.get(), seconds, requests.get() / seconds, transactions));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(EventSink sink, ExecutorService pool, Duration duration, AtomicLong requests) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        String run = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                start.await();
                for (long i = 0; System.nanoTime() < end; i++) {
                    String id = run + "-" + worker + "-" + i;
                    sink.write(List.of(GroupCommitIT.signal(id + "-a", 300), GroupCommitIT.signal(id + "-b", 300)));
                    requests.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
    }
}

package io.firebreak.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * M closed-loop clients sending request bodies {@code 0..count-1} as fast as answers come back, until the
 * count or the deadline: what an Alertmanager cluster flushing many groups at once looks like. Like Alertmanager,
 * a client retries a 429 or 503 after its Retry-After (capped at 1 s here, up to 10 attempts); every answer is
 * counted, the latency is that of each attempt, and a request counts as accepted once it got a 202.
 */
public final class HttpLoad {

    /** Outcome of one load run. */
    public record Result(Throughput requests, LatencyStats latency, Map<Integer, Integer> statuses, int transportErrors,
                         long accepted, String firstTransportError) {

        public int count(int fromStatus, int toStatus) {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= fromStatus && e.getKey() <= toStatus)
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    private static final int MAX_ATTEMPTS = 10;

    private final FirebreakClient client;
    private final int clients;

    public HttpLoad(FirebreakClient client, int clients) {
        this.client = client;
        this.clients = clients;
    }

    public Result run(int count, long deadlineNanos, IntFunction<String> bodies) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Worker>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> new Worker().run(next, count, deadlineNanos, bodies)));
        }
        Histogram merged = LatencyStats.newHistogram();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int errors = 0;
        long done = 0;
        long accepted = 0;
        String firstError = "";
        for (Future<Worker> future : workers) {
            try {
                Worker w = future.get();
                merged.add(w.latency);
                w.statuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum));
                errors += w.errors;
                done += w.done;
                accepted += w.accepted;
                if (firstError.isEmpty() && w.firstError != null) {
                    firstError = w.firstError;
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("load worker failed", e.getCause());
            }
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return new Result(new Throughput(done, elapsed), LatencyStats.of(merged), statuses, errors, accepted, firstError);
    }

    /** One client's own histogram and counts, merged after the run (HdrHistogram is single-writer). */
    private final class Worker {
        final Histogram latency = LatencyStats.newHistogram();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        int errors;
        long done;
        long accepted;
        String firstError;

        Worker run(AtomicInteger next, int count, long deadlineNanos, IntFunction<String> bodies) throws InterruptedException {
            int n;
            while ((n = next.getAndIncrement()) < count && System.nanoTime() < deadlineNanos) {
                String body = bodies.apply(n);
                for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                    long t0 = System.nanoTime();
                    try {
                        FirebreakClient.Answer answer = client.send(body);
                        LatencyStats.record(latency, System.nanoTime() - t0);
                        statuses.merge(answer.status(), 1, Integer::sum);
                        if (answer.status() == 202) {
                            accepted++;
                        }
                        if (answer.status() != 429 && answer.status() != 503) {
                            break;
                        }
                        Thread.sleep(Math.min(1_000, answer.retryAfterSeconds() * 1_000));
                    } catch (java.io.IOException e) {
                        errors++;
                        if (firstError == null) {
                            firstError = e.toString();
                        }
                        Thread.sleep(100);
                    }
                }
                done++;
            }
            return this;
        }
    }
}

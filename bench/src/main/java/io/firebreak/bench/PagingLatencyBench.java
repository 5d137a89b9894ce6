package io.firebreak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Alert → page latency: CRITICAL alerts, each for its own cluster (so each opens its own incident and page), sent
 * at a fixed modest rate; latency = POST sent → PagerDuty trigger received for that cluster's incident.
 * An incident id starts with its cluster ({@code <cluster>.<date>.<seq>}), which is how a page is matched.
 */
public final class PagingLatencyBench {

    /** Outcome: page latency, pages that never came within the wait, and HTTP answers. */
    public record Result(LatencyStats latency, int sent, int missing, Map<Integer, Integer> statuses, Duration enrichmentWait) {
    }

    private final FirebreakClient client;
    private final RecordingPagerDuty pagerDuty;

    public PagingLatencyBench(FirebreakClient client, RecordingPagerDuty pagerDuty) {
        this.client = client;
        this.pagerDuty = pagerDuty;
    }

    public Result run(String runId, int ratePerSecond, Duration duration, Duration enrichmentWait) throws InterruptedException {
        return run(runId, ratePerSecond, duration, enrichmentWait, Duration.ofSeconds(20));
    }

    /** One alert, its page allowed 90 s: how long a freshly started (or restarted) instance takes to page at all. */
    public Result firstPage(String runId, Duration enrichmentWait) throws InterruptedException {
        return run(runId, 1, Duration.ofSeconds(1), enrichmentWait, Duration.ofSeconds(90));
    }

    /** @param allowance how long after the enrichment wait a page may still come before it counts as missing */
    public Result run(String runId, int ratePerSecond, Duration duration, Duration enrichmentWait, Duration allowance)
            throws InterruptedException {
        int total = (int) Math.max(1, ratePerSecond * duration.toSeconds());
        long[] sentAt = new long[total];
        List<CompletableFuture<Integer>> answers = new ArrayList<>(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < total; i++) {
                int n = i;
                // fixed-rate schedule from one start instant, so a slow answer never delays the next alert (open loop)
                ticker.schedule(() -> {
                    sentAt[n] = System.nanoTime();
                    synchronized (answers) {
                        answers.add(client.postAsync(body(runId, n)));
                    }
                }, n * 1_000_000_000L / ratePerSecond, TimeUnit.NANOSECONDS);
            }
            ticker.shutdown();
            ticker.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        } finally {
            ticker.shutdownNow();
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        synchronized (answers) {
            for (CompletableFuture<Integer> answer : answers) {
                statuses.merge(answer.exceptionally(e -> -1).join(), 1, Integer::sum);
            }
        }
        long waitUntil = System.nanoTime() + enrichmentWait.plus(allowance).toNanos();
        Map<String, Long> pagedAt = pagesByCluster(runId);
        while (pagedAt.size() < total && System.nanoTime() < waitUntil) {
            Thread.sleep(100); // polling a recording server: nothing to await on
            pagedAt = pagesByCluster(runId);
        }
        Histogram latency = LatencyStats.newHistogram();
        int missing = 0;
        for (int n = 0; n < total; n++) {
            Long paged = pagedAt.get(cluster(runId, n));
            if (paged == null) {
                missing++;
            } else {
                LatencyStats.record(latency, paged - sentAt[n]);
            }
        }
        return new Result(LatencyStats.of(latency), total, missing, statuses, enrichmentWait);
    }

    private Map<String, Long> pagesByCluster(String runId) {
        Map<String, Long> byCluster = new TreeMap<>();
        pagerDuty.firstTriggers().forEach((dedupKey, event) -> {
            int dot = dedupKey.indexOf('.');
            String cluster = dot < 0 ? dedupKey : dedupKey.substring(0, dot);
            if (cluster.startsWith("e2e-" + runId + "-")) {
                byCluster.merge(cluster, event.receivedNanos(), Math::min);
            }
        });
        return byCluster;
    }

    private static String cluster(String runId, int n) {
        return "e2e-" + runId + "-" + n;
    }

    private static String body(String runId, int n) {
        return AlertPayloads.firing(cluster(runId, n), "checkout", "critical",
                List.of(new AlertPayloads.Alert("e2e" + runId + "x" + n, "checkout-0")));
    }
}

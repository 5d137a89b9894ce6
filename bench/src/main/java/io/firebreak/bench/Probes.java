package io.firebreak.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * New-incident probes: each a CRITICAL alert for a (cluster, service) nobody else uses, so it opens an incident and a
 * page of its own. A page is matched to its probe by the PagerDuty payload's {@code group} (the cluster) and
 * {@code component} (the incident's first service); its latency runs from the probe's scheduled POST time to the
 * PagerDuty request.
 */
final class Probes {

    /** One probe's identity. */
    record Probe(String cluster, String service) {

        String body(String fingerprint) {
            return AlertPayloads.firing(cluster, service, "critical", List.of(new AlertPayloads.Alert(fingerprint, service + "-0")));
        }
    }

    /** Probes sent, paged (within the wait), paged more than once, and the latency of those paged. */
    record Result(int sent, int paged, int pagedTwice, LatencyStats latency) {

        int missing() {
            return sent - paged;
        }
    }

    private Probes() {
    }

    /**
     * Waits until every sent probe (a non-zero due time) is paged or {@code deadlineNanos} passed, then measures.
     *
     * @param probes      probe i's identity
     * @param scheduledAt probe i's scheduled POST time ({@link System#nanoTime()}), 0 if it was never sent
     */
    static Result await(RecordingPagerDuty pagerDuty, IntFunction<Probe> probes, long[] scheduledAt, long deadlineNanos)
            throws InterruptedException {
        Map<Probe, Integer> sent = new HashMap<>();
        for (int i = 0; i < scheduledAt.length; i++) {
            if (scheduledAt[i] != 0) {
                sent.put(probes.apply(i), i);
            }
        }
        Map<Probe, Page> pages = pages(pagerDuty, sent.keySet());
        while (pages.size() < sent.size() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(100); // polling a recording server: nothing to await on
            pages = pages(pagerDuty, sent.keySet());
        }
        Histogram latency = LatencyStats.newConcurrentHistogram();
        int twice = 0;
        for (Map.Entry<Probe, Page> page : pages.entrySet()) {
            LatencyStats.record(latency, page.getValue().firstNanos() - scheduledAt[sent.get(page.getKey())]);
            if (page.getValue().dedupKeys().size() > 1) {
                twice++;
            }
        }
        return new Result(sent.size(), pages.size(), twice, LatencyStats.of(latency));
    }

    private record Page(long firstNanos, Set<String> dedupKeys) {
    }

    private static Map<Probe, Page> pages(RecordingPagerDuty pagerDuty, Set<Probe> wanted) {
        Map<Probe, Page> pages = new HashMap<>();
        for (RecordingPagerDuty.Event event : pagerDuty.firstTriggers().values()) {
            Probe probe = new Probe(event.group(), event.component());
            if (wanted.contains(probe)) {
                pages.merge(probe, new Page(event.receivedNanos(), new HashSet<>(Set.of(event.dedupKey()))), (a, b) -> {
                    a.dedupKeys().addAll(b.dedupKeys());
                    return new Page(Math.min(a.firstNanos(), b.firstNanos()), a.dedupKeys());
                });
            }
        }
        return pages;
    }
}

package io.firebreak.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

    /**
     * Probes sent, paged (within the wait), paged more than once, and the latency of those paged; {@code slowest} the
     * slowest few, each as when it was scheduled after the first probe and how long its page took, so a tail tells
     * whether it came from the storm's start or from a stall later on.
     */
    record Result(int sent, int paged, int pagedTwice, LatencyStats latency, List<Slow> slowest) {

        int missing() {
            return sent - paged;
        }
    }

    /** One probe's page: scheduled {@code afterFirstMs} after the first probe, paged {@code latencyMs} after its schedule. */
    record Slow(long afterFirstMs, long latencyMs) {

        @Override
        public String toString() {
            return ResultsTable.fmt("%.1f s: %d ms", afterFirstMs / 1e3, latencyMs);
        }
    }

    private static final int SLOWEST_SHOWN = 5;

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
        long first = Arrays.stream(scheduledAt).filter(at -> at != 0).min().orElse(0);
        List<Slow> each = new ArrayList<>();
        int twice = 0;
        for (Map.Entry<Probe, Page> page : pages.entrySet()) {
            long scheduled = scheduledAt[sent.get(page.getKey())];
            LatencyStats.record(latency, page.getValue().firstNanos() - scheduled);
            each.add(new Slow((scheduled - first) / 1_000_000, (page.getValue().firstNanos() - scheduled) / 1_000_000));
            if (page.getValue().dedupKeys().size() > 1) {
                twice++;
            }
        }
        each.sort(Comparator.comparingLong(Slow::latencyMs).reversed());
        List<Slow> slowest = List.copyOf(each.subList(0, Math.min(SLOWEST_SHOWN, each.size())));
        return new Result(sent.size(), pages.size(), twice, LatencyStats.of(latency), slowest);
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

package io.firebreak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sustained storm with new incidents opening during it: {@code rate} distinct alerts/s (warning, nothing pages) over
 * clusters × services, {@code batch} alerts per Alertmanager request, for a fixed time, on an open-loop schedule; plus
 * {@code probeRate} probes/s, each a CRITICAL alert for a fresh service of one of the storm's clusters (so it shares its
 * cluster's partition and task with the storm) that opens its own incident and page. What an on-call engineer needs:
 * every probe paged, fast, while the storm goes on. HTTP latency and probe → page latency both count from the
 * scheduled send time.
 */
public record SustainedBench(FirebreakClient client, RecordingPagerDuty pagerDuty, ScaleOptions scale, CorrelationProgress correlation,
                             String correlationGroup) {

    /**
     * Outcome; {@code otherPages} counts pages for anything but a probe (the storm is warning: want 0); the correlation's
     * backlog on {@code firebreak.signals.v1} (offsets, −1 if it could not be read) when the storm ended and when the
     * probe wait ended tells whether a late page waited in correlation or after it; {@code backlogDuringStorm}, sampled
     * every half second while the storm ran, whether it waited in a backlog that built up and drained meanwhile;
     * {@code correlationCpuNanos} the CPU the correlation's stream threads used from the storm's start to its end
     * ({@code stormNanos} later; −1 where the JVM cannot tell), whether a backlog means busy threads or waiting ones.
     */
    public record Result(ScaleOptions scale, OpenLoop.Result storm, OpenLoop.Result probeRequests, Probes.Result probes,
                         int otherPages, long behindAtStormEnd, long behindAfterWait, BacklogSampler.Summary backlogDuringStorm,
                         long correlationCpuNanos, long stormNanos) {

        /** Cores' worth of CPU the stream threads used during the storm (2 = both cores of this machine, all the time). */
        public double correlationCores() {
            return correlationCpuNanos < 0 || stormNanos <= 0 ? -1 : (double) correlationCpuNanos / stormNanos;
        }

        /** Stream-thread CPU per alert correlated by the storm's end (accepted minus the backlog then). */
        public double cpuMicrosPerCorrelatedAlert() {
            long correlated = alertsAccepted() - Math.max(0, behindAtStormEnd);
            return correlationCpuNanos < 0 || correlated <= 0 ? -1 : correlationCpuNanos / 1e3 / correlated;
        }

        public long alertsAccepted() {
            return (long) storm.accepted() * scale.sustainedBatch();
        }

        public double acceptedPerSecond() {
            return storm.seconds() == 0 ? 0 : alertsAccepted() / storm.seconds();
        }

        public boolean holds() {
            return storm.allAccepted() && probeRequests.allAccepted() && probes.missing() == 0 && probes.pagedTwice() == 0
                    && otherPages == 0;
        }

        /** Issue 11's goal: every probe paged, p50 ≤ 100 ms and p99 ≤ 500 ms. */
        public boolean goalMet() {
            return probes.missing() == 0 && probes.latency().p50() <= 100 && probes.latency().p99() <= 500;
        }
    }

    private static final String PROBE_SERVICE = "probe-";

    public Result run(String runId) throws InterruptedException {
        int clusters = scale.sustainedClusters();
        int groups = clusters * scale.sustainedServices();
        int batch = scale.sustainedBatch();
        long seconds = scale.sustainedDuration().toSeconds();
        int requests = (int) Math.max(1, scale.sustainedRate() * seconds / batch);
        int probeCount = (int) Math.max(1, scale.probeRate() * seconds);
        long start = System.nanoTime() + 100_000_000L; // both schedules start together, a moment from now
        long giveUpAt = start + scale.sustainedDuration().plusSeconds(30).toNanos();
        OpenLoop storm = OpenLoop.start("sustained", client, start, 1_000_000_000L * batch / scale.sustainedRate(), requests,
                () -> true, scale.maxInFlight(), giveUpAt, n -> {
                    int group = n % groups;
                    String service = "svc-" + group / clusters;
                    List<AlertPayloads.Alert> alerts = new ArrayList<>(batch);
                    for (int j = 0; j < batch; j++) {
                        alerts.add(new AlertPayloads.Alert("sus" + runId + "r" + n + "a" + j, service + "-pod-" + (n * batch + j)));
                    }
                    return AlertPayloads.firing(cluster(runId, group % clusters), service, "warning", alerts);
                });
        OpenLoop probeLoop = OpenLoop.start("sustained-probes", client, start, 1_000_000_000L / scale.probeRate(), probeCount,
                () -> true, scale.maxInFlight(), giveUpAt, n -> probe(runId, n).body("susprobe" + runId + "n" + n));
        ThreadCpu correlationCpu = ThreadCpu.streamThreads(correlationGroup);
        long cpuFrom = System.nanoTime();
        Duration scheduleLimit = scale.sustainedDuration().plusSeconds(40);
        OpenLoop.Result stormResult;
        BacklogSampler.Summary backlog;
        try (BacklogSampler sampler = new BacklogSampler(this::behind, Duration.ofMillis(500))) {
            stormResult = storm.await(scheduleLimit);
            backlog = sampler.summary();
        }
        long cpuNanos = correlationCpu.nanosSinceStart();
        long stormNanos = System.nanoTime() - cpuFrom;
        OpenLoop.Result probeResult = probeLoop.await(Duration.ofSeconds(5));
        long behindAtStormEnd = behind();
        // "after the storm": its last answer, or its scheduled end if it ended early
        long stormEnd = Math.max(stormResult.lastAnswerNanos(), start + scale.sustainedDuration().toNanos());
        Probes.Result probes = Probes.await(pagerDuty, n -> probe(runId, n), probeResult.scheduledAt(), stormEnd + scale.probeWait().toNanos());
        int otherPages = (int) pagerDuty.firstTriggers().values().stream()
                .filter(e -> e.group().startsWith("sus-" + runId + "-") && !e.component().startsWith(PROBE_SERVICE)).count();
        return new Result(scale, stormResult, probeResult, probes, otherPages, behindAtStormEnd, behind(), backlog, cpuNanos, stormNanos);
    }

    private long behind() {
        try {
            return CorrelationProgress.behind(correlation.committed(), correlation.endOffsets());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the sampler is closing: its last sample is not needed
            return -1;
        } catch (Exception e) {
            System.out.println("[bench] sustained: could not read the correlation's progress: " + e);
            return -1;
        }
    }

    private Probes.Probe probe(String runId, int n) {
        return new Probes.Probe(cluster(runId, n % scale.sustainedClusters()), PROBE_SERVICE + n);
    }

    private static String cluster(String runId, int n) {
        return "sus-" + runId + "-c" + n;
    }
}

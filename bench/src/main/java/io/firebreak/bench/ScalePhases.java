package io.firebreak.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The storm-scale phases of issue 11 ({@code sustained}, {@code onegroup}, {@code throughput}), each on a broker and
 * firebreak instance of its own, so one phase's backlog (a pipeline that fell behind) never counts against the next,
 * and a new application id never re-reads another phase's signals. Each starts with one warm-up page, so it measures
 * a pipeline with every consumer assigned. A phase that throws is reported as failed; the others still run.
 */
final class ScalePhases {

    /** What ran; a phase that did not run is null, a phase that threw is named in {@code failures}. */
    record Results(SustainedBench.Result sustained, OneGroupBench.Result onegroup, ThroughputBench.Result throughput,
                   ThroughputBench.Result floor, List<String> failures) {

        boolean passed() {
            return failures.isEmpty() && (sustained == null || sustained.holds()) && (onegroup == null || onegroup.holds())
                    && (throughput == null || throughput.holds()) && (floor == null || floor.holds());
        }
    }

    private interface Phase<T> {
        /** {@code id} names this phase's alerts, clusters and probes: a phase named twice must not find the pages of its first run. */
        T run(Brokers cluster, FirebreakInstance app, String appId, String id) throws Exception;
    }

    private static final List<String> ALL_ROLES = List.of("ingest", "streams", "notifiers", "api");
    private static final List<String> INGEST_ONLY = List.of("ingest");

    private final BenchOptions options;
    private final ScaleOptions scale;
    private final Path workDir;
    private final String runId;
    private final RecordingPagerDuty pagerDuty;
    private final List<String> startupFailures;
    private final List<String> failures = new ArrayList<>();
    /** Phases run so far: a phase named twice in -Dbench.scaleOrder (a warm second run) gets a fresh broker and app id. */
    private int phaseRuns;

    ScalePhases(BenchOptions options, ScaleOptions scale, Path workDir, String runId, RecordingPagerDuty pagerDuty,
                List<String> startupFailures) {
        this.options = options;
        this.scale = scale;
        this.workDir = workDir;
        this.runId = runId;
        this.pagerDuty = pagerDuty;
        this.startupFailures = startupFailures;
    }

    Results run() {
        SustainedBench.Result sustained = null;
        OneGroupBench.Result onegroup = null;
        ThroughputBench.Result throughput = null;
        ThroughputBench.Result floor = null;
        // -Dbench.scaleOrder: e.g. throughput first, so sustained runs on a JVM whose JIT has compiled the pipeline
        for (String name : System.getProperty("bench.scaleOrder", "sustained,onegroup,throughput,floor").split(",")) {
            switch (name.trim()) {
                case "sustained" -> sustained = sustained();
                case "onegroup" -> onegroup = onegroup();
                case "throughput" -> throughput = throughput();
                case "floor" -> floor = floor();
                default -> throw new IllegalArgumentException("bench.scaleOrder names sustained, onegroup, throughput and floor, not " + name);
            }
        }
        return new Results(sustained, onegroup, throughput, floor, List.copyOf(failures));
    }

    private SustainedBench.Result sustained() {
        return phase("sustained", (cluster, app, appId, id) -> {
            SustainedBench.Result r;
            try (CorrelationProgress correlation = new CorrelationProgress(cluster.bootstrapServers(), correlationGroup(appId),
                    io.firebreak.schemas.Topics.SIGNALS.name())) {
                r = new SustainedBench(app.client(), pagerDuty, scale, correlation, correlationGroup(appId)).run(id);
            }
            progress("sustained: accepted " + r.alertsAccepted() + " alerts (" + Math.round(r.acceptedPerSecond()) + "/s), HTTP "
                    + r.storm().latency().summary() + ", probes paged " + r.probes().paged() + " of " + r.probes().sent() + ", "
                    + r.probes().latency().summary() + "; slowest " + r.probes().slowest());
            return r;
        });
    }

    private OneGroupBench.Result onegroup() {
        return phase("onegroup", (cluster, app, appId, id) -> {
            OneGroupBench.Result r = new OneGroupBench(app.client(), pagerDuty, cluster.bootstrapServers(), cluster.schemaRegistryUrl(),
                    options, scale).run(id);
            progress("onegroup: " + r.groupIncidents().size() + " incident(s), " + r.groupPages() + " page(s), drained " + r.drained()
                    + " in " + r.drain().toMillis() + " ms, probes paged " + r.probes().paged() + " of " + r.probes().sent() + ", "
                    + r.probes().latency().summary());
            return r;
        });
    }

    private ThroughputBench.Result throughput() {
        return phase("throughput", (cluster, app, appId, id) -> {
            ThroughputBench.Result r = new ThroughputBench(app.client(), cluster.bootstrapServers(),
                    correlationGroup(appId), options, scale).run(id);
            progress(rates("throughput", "correlation", r));
            return r;
        });
    }

    /**
     * The {@code throughput} load against {@link StreamsFloor} instead of the correlation: firebreak runs ingest alone,
     * so the two compete for the same cores the way ingest and the correlation do.
     */
    private ThroughputBench.Result floor() {
        return phase("floor", INGEST_ONLY, (cluster, app, appId, id) -> {
            String group = appId + "-floor";
            try (StreamsFloor floor = StreamsFloor.start(cluster, group, workDir.resolve("floor-" + appId), options.partitions())) {
                ThroughputBench.Result r = new ThroughputBench(app.client(), cluster.bootstrapServers(), group, options, scale).run(id);
                progress(rates("floor", "floor", r));
                return r;
            }
        });
    }

    private static String rates(String phase, String what, ThroughputBench.Result r) {
        return String.format(java.util.Locale.ROOT, "%s: accept %.0f alerts/s, %s %.0f alerts/s, ratio %.2f%s", phase, r.acceptRate(), what,
                r.correlationRate(), r.ratio(), r.caughtUp() ? "" : " (not caught up)");
    }

    private <T> T phase(String name, Phase<T> phase) {
        return phase(name, ALL_ROLES, phase);
    }

    /** Runs a phase on a broker and a firebreak of its own with these roles; with the correlation, after one warm-up page. */
    private <T> T phase(String name, List<String> roles, Phase<T> phase) {
        if (!options.runs(name)) {
            return null;
        }
        phaseRuns++;
        String id = runId + (phaseRuns > 1 ? "x" + phaseRuns : "");
        String appId = "bench-" + name + "-" + id;
        try (Brokers cluster = Brokers.start(workDir.resolve("cluster-" + name + "-" + phaseRuns))) {
            try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, roles,
                    Duration.ZERO, pagerDuty.enqueueUrl(), appId, options.partitions(), startupFailures)) {
                progress("firebreak (roles " + roles + ", enrichmentWait 0s, own broker) up on port " + app.port() + " for phase " + name);
                if (roles.contains("streams")) {
                    PagingLatencyBench.Result warmUp = new PagingLatencyBench(app.client(), pagerDuty)
                            .run(id + name, 1, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(90));
                    if (warmUp.missing() > 0) {
                        throw new IllegalStateException("the warm-up alert was not paged within 90 s");
                    }
                }
                return phase.run(cluster, app, appId, id);
            } finally {
                QuietLogging.restore(); // Dropwizard's stop switched logging back to console INFO: quiet before the broker stops
            }
        } catch (Exception e) {
            failures.add(name + ": " + e);
            progress("phase " + name + " failed: " + e);
            return null;
        }
    }

    /** The correlation's consumer group: its Kafka Streams application id, unless told otherwise. */
    private static String correlationGroup(String appId) {
        return System.getProperty("bench.correlationGroup", appId);
    }

    private static void progress(String message) {
        System.out.println("[bench] " + message);
    }
}

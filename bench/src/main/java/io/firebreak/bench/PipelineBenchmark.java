package io.firebreak.bench;

import static io.firebreak.bench.ResultsTable.fmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The pipeline benchmark: on one embedded KRaft broker + registry (127.0.0.1 only), raw Kafka first, then the
 * real firebreak application, every figure reported as a ratio to the raw Kafka figure of the same run.
 *
 * <ol>
 *   <li>raw Kafka: idempotent acks=all producer (throughput, per-record ack latency), and one transaction per
 *       request of k records (what ingest does per Alertmanager group);</li>
 *   <li>end-to-end alert → PagerDuty page latency (all roles), with {@code enrichmentWait} 0 s and the default 5 s;</li>
 *   <li>an alert storm (all roles): zero 5xx, one incident per group, one page per critical group, drain time;</li>
 *   <li>the storm-scale phases of issue 11 ({@link ScalePhases}): a sustained open-loop storm with new-incident probes,
 *       one very big group, correlation throughput against the ingest accept rate;</li>
 *   <li>ingest alone: M concurrent HTTP clients posting Alertmanager groups of two alerts.</li>
 * </ol>
 * Ingest runs last, in an ingest-only instance, so its tens of thousands of signals never reach the correlation
 * that the paging and storm phases measure. Exit code 1 if a correctness check failed.
 */
public final class PipelineBenchmark {

    private static final List<String> ALL_ROLES = List.of("ingest", "streams", "notifiers", "api");

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.fromSystemProperties();
        Path outputDir = Path.of(System.getProperty("bench.outputDir", "target")).toAbsolutePath();
        Files.createDirectories(outputDir);
        Files.deleteIfExists(outputDir.resolve("firebreak-app.log")); // the app's log of this run only
        boolean ok = new PipelineBenchmark().run(options, outputDir);
        System.exit(ok ? 0 : 1); // Kafka and Dropwizard leave non-daemon threads behind
    }

    boolean run(BenchOptions options, Path outputDir) throws Exception {
        long began = System.nanoTime();
        Path workDir = Files.createTempDirectory("firebreak-bench");
        String runId = UUID.randomUUID().toString().substring(0, 6);
        String appId = "bench-" + runId;
        RawKafkaBench.Result idempotent = null;
        RawKafkaBench.Result transactional = null;
        PagingLatencyBench.Result paging0 = null;
        PagingLatencyBench.Result paging5 = null;
        PagingLatencyBench.Result restartProbe = null;
        PagingLatencyBench.Result startProbe = null;
        StormBench.Result storm = null;
        HttpLoad.Result ingest = null;
        List<String> startupFailures = new CopyOnWriteArrayList<>();
        ScaleOptions scaleOptions = ScaleOptions.fromSystemProperties();
        ScalePhases.Results scale = null;
        try (Brokers cluster = Brokers.start(workDir.resolve("cluster"));
             RecordingPagerDuty pagerDuty = new RecordingPagerDuty()) {
            progress("broker and registry up at " + cluster.bootstrapServers() + ", phases " + options.phases());
            if (options.runs("raw")) {
                RawKafkaBench raw = new RawKafkaBench(cluster, options);
                idempotent = raw.idempotent();
                progress("raw idempotent: " + fmt("%.0f", idempotent.records().perSecond()) + " records/s, " + idempotent.latency().summary());
                transactional = raw.transactional();
                progress("raw transactional: " + fmt("%.0f", transactional.records().perSecond()) + " records/s, " + transactional.latency().summary());
            }
            if (options.runs("e2e0") || options.runs("storm")) {
                try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, ALL_ROLES, Duration.ZERO,
                        pagerDuty.enqueueUrl(), appId, options.partitions(), startupFailures)) {
                    progress("firebreak (all roles, enrichmentWait 0s) up on port " + app.port());
                    // a first page before measuring, so 3a sees a warmed-up pipeline with every consumer assigned
                    startProbe = firstPage(app, pagerDuty, runId + "start", "fresh start");
                    if (options.runs("e2e0")) {
                        paging0 = new PagingLatencyBench(app.client(), pagerDuty)
                                .run(runId + "w0", options.e2eRatePerSecond(), options.e2eDuration(), Duration.ZERO);
                        progress("alert → page (wait 0s): " + paging0.latency().summary() + ", missing " + paging0.missing());
                    }
                    if (options.runs("storm")) {
                        storm = new StormBench(app.client(), pagerDuty, new IncidentCounter(cluster.bootstrapServers()), options).run(runId);
                        progress("storm: " + storm);
                    }
                }
                QuietLogging.restore();
            }
            if (options.runs("restart")) {
                // same application id and state dir as the instance just stopped: how long until correlation pages again?
                try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, ALL_ROLES, Duration.ZERO,
                        pagerDuty.enqueueUrl(), appId, options.partitions(), startupFailures)) {
                    progress("firebreak restarted (same application id) on port " + app.port());
                    restartProbe = firstPage(app, pagerDuty, runId + "restart", "restart");
                }
                QuietLogging.restore();
            }
            if (options.runs("e2e5")) {
                // A broker of its own: a new application id on the first one would re-read (and re-page) every earlier
                // signal, and the same id after a restart stalls for a consumer session timeout (phase "restart").
                try (Brokers second = Brokers.start(workDir.resolve("cluster-5s"));
                     FirebreakInstance app = FirebreakInstance.start(second, workDir, ALL_ROLES, Duration.ofSeconds(5),
                             pagerDuty.enqueueUrl(), "bench-5s-" + runId, options.partitions(), startupFailures)) {
                    progress("firebreak (all roles, enrichmentWait 5s, own broker) up on port " + app.port());
                    new PagingLatencyBench(app.client(), pagerDuty).firstPage(runId + "start5", Duration.ofSeconds(5));
                    paging5 = new PagingLatencyBench(app.client(), pagerDuty)
                            .run(runId + "w5", options.e2eRatePerSecond(), options.e2eDuration(), Duration.ofSeconds(5));
                    progress("alert → page (wait 5s): " + paging5.latency().summary() + ", missing " + paging5.missing());
                }
                QuietLogging.restore();
            }
            // sustained, onegroup, throughput: each on a broker and instance of its own
            scale = new ScalePhases(options, scaleOptions, workDir, runId, pagerDuty, startupFailures).run();
            if (options.runs("ingest")) {
                try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, List.of("ingest"), Duration.ZERO,
                        pagerDuty.enqueueUrl(), "bench-ingest-" + runId, options.partitions(), startupFailures)) {
                    progress("firebreak (ingest only) up on port " + app.port());
                    HttpLoad load = new HttpLoad(app.client(), options.clients());
                    IntFunction<String> bodies = n -> ingestBody(runId, n);
                    load.run(options.warmupRequests(), System.nanoTime() + Duration.ofSeconds(10).toNanos(), bodies);
                    ingest = load.run(options.ingestRequests(), System.nanoTime() + options.ingestTimeLimit().toNanos(),
                            n -> bodies.apply(n + options.warmupRequests()));
                    progress("ingest: " + fmt("%.0f", ingest.requests().perSecond()) + " requests/s, " + ingest.latency().summary()
                            + ", statuses " + ingest.statuses());
                }
                QuietLogging.restore();
            }
        } finally {
            deleteQuietly(workDir);
        }
        Report report = new Report(options, idempotent, transactional, ingest, paging0, paging5, startProbe, restartProbe, storm, startupFailures,
                scale == null ? new ScalePhases.Results(null, null, null, null, List.of("the run ended before the scale phases")) : scale,
                scaleOptions);
        String markdown = report.markdown((System.nanoTime() - began) / 1e9);
        System.out.println();
        System.out.println(markdown);
        Files.writeString(outputDir.resolve("results.md"), markdown);
        System.out.println("written to " + outputDir.resolve("results.md"));
        return report.passed();
    }

    /** The first page of an instance that just started, printed as it comes. */
    private static PagingLatencyBench.Result firstPage(FirebreakInstance app, RecordingPagerDuty pagerDuty, String runId, String start)
            throws InterruptedException {
        PagingLatencyBench.Result probe = new PagingLatencyBench(app.client(), pagerDuty).firstPage(runId, Duration.ZERO);
        progress(start + " → first page: " + probe.latency().summary() + ", missing " + probe.missing());
        return probe;
    }

    private static String ingestBody(String runId, int n) {
        // unique fingerprints, severity info (LOW): the ingest path only, nothing pages
        return AlertPayloads.firing("ingest-" + runId, "svc-" + (n % 10), "info",
                List.of(new AlertPayloads.Alert("ing" + runId + "n" + n + "a", "pod-a"),
                        new AlertPayloads.Alert("ing" + runId + "n" + n + "b", "pod-b")));
    }

    private static void progress(String message) {
        System.out.println("[bench] " + message);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            progress("could not delete " + dir + ": " + e.getMessage());
        }
    }
}

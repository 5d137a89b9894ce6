package io.firebreak.bench;

import static io.firebreak.bench.ResultsTable.fmt;
import static io.firebreak.bench.ResultsTable.latency;

import io.firebreak.embedded.EmbeddedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
        boolean ok = new PipelineBenchmark().run(options, outputDir);
        System.exit(ok ? 0 : 1); // Kafka and Dropwizard leave non-daemon threads behind
    }

    boolean run(BenchOptions options, Path outputDir) throws Exception {
        long began = System.nanoTime();
        Path workDir = Files.createTempDirectory("firebreak-bench");
        String runId = UUID.randomUUID().toString().substring(0, 6);
        ResultsTable table = new ResultsTable();
        boolean ok = true;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(workDir.resolve("cluster"), 0, 0);
             RecordingPagerDuty pagerDuty = new RecordingPagerDuty()) {
            progress("broker and registry up at " + cluster.bootstrapServers());

            RawKafkaBench raw = new RawKafkaBench(cluster, options);
            RawKafkaBench.Result idempotent = raw.idempotent();
            progress("raw idempotent: " + fmt("%.0f", idempotent.records().perSecond()) + " records/s, " + idempotent.latency().summary());
            RawKafkaBench.Result transactional = raw.transactional();
            progress("raw transactional: " + fmt("%.0f", transactional.records().perSecond()) + " records/s, " + transactional.latency().summary());
            double rawRate = idempotent.records().perSecond();
            double txnRate = transactional.records().perSecond();
            LatencyStats txn = transactional.latency();

            table.section("1. raw Kafka baseline (same broker, same run)");
            table.add(fmt("idempotent producer, %d × %d B records, acks=all", idempotent.records().items(), options.recordBytes()),
                    fmt("%.0f records/s", rawRate), rawRate, rawRate, "itself");
            table.add("idempotent per-record ack latency", latency(idempotent.latency()));
            table.add(fmt("transactional, %d records per transaction, one at a time", options.recordsPerTransaction()),
                    fmt("%.0f records/s (%.0f txn/s)", txnRate, txnRate / options.recordsPerTransaction()), txnRate, rawRate, "idempotent records/s");
            table.add("transaction latency (begin → commit returned)", latency(txn));

            String appId = "bench-" + runId;
            PagingLatencyBench.Result paging0;
            StormBench.Result storm;
            try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, ALL_ROLES, Duration.ZERO,
                    pagerDuty.enqueueUrl(), appId, options.partitions())) {
                progress("firebreak (all roles, enrichmentWait 0s) up on port " + app.port());
                paging0 = new PagingLatencyBench(app.client(), pagerDuty)
                        .run(runId + "w0", options.e2eRatePerSecond(), options.e2eDuration(), Duration.ZERO);
                progress("alert → page (wait 0s): " + paging0.latency().summary() + ", missing " + paging0.missing());
                storm = new StormBench(app.client(), pagerDuty, new IncidentCounter(cluster.bootstrapServers()), options).run(runId);
                progress("storm: " + storm);
            }
            PagingLatencyBench.Result paging5 = null;
            if (options.e2eWithDefaultWait()) {
                // same application id and state dir: continues from the committed offsets instead of re-reading the storm
                try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, ALL_ROLES, Duration.ofSeconds(5),
                        pagerDuty.enqueueUrl(), appId, options.partitions())) {
                    paging5 = new PagingLatencyBench(app.client(), pagerDuty)
                            .run(runId + "w5", options.e2eRatePerSecond(), options.e2eDuration(), Duration.ofSeconds(5));
                    progress("alert → page (wait 5s): " + paging5.latency().summary() + ", missing " + paging5.missing());
                }
            }
            HttpLoad.Result ingest;
            try (FirebreakInstance app = FirebreakInstance.start(cluster, workDir, List.of("ingest"), Duration.ZERO,
                    pagerDuty.enqueueUrl(), "bench-ingest-" + runId, options.partitions())) {
                HttpLoad load = new HttpLoad(app.client(), options.clients());
                IntFunction<String> bodies = n -> ingestBody(runId, n);
                HttpLoad.Result warmup = load.run(options.warmupRequests(), System.nanoTime() + Duration.ofSeconds(10).toNanos(), bodies);
                ok &= warmup.count(500, 599) == 0;
                ingest = load.run(options.ingestRequests(), System.nanoTime() + options.ingestTimeLimit().toNanos(),
                        n -> bodies.apply(n + options.warmupRequests()));
                progress("ingest: " + fmt("%.0f", ingest.requests().perSecond()) + " requests/s, " + ingest.latency().summary()
                        + ", statuses " + ingest.statuses());
            }

            double requestRate = ingest.requests().perSecond();
            table.section(fmt("2. firebreak ingest (ingest role only, %d HTTP clients, 2 alerts per request)", options.clients()));
            table.add("requests/s (202 = committed to Kafka)", fmt("%.0f requests/s (%d requests)", requestRate, ingest.requests().items()),
                    requestRate, txnRate / options.recordsPerTransaction(), "raw transactions/s");
            table.add("alerts/s", fmt("%.0f alerts/s", 2 * requestRate), 2 * requestRate, rawRate, "idempotent records/s");
            table.add("alerts/s vs transactional", fmt("%.0f alerts/s", 2 * requestRate), 2 * requestRate, txnRate, "transactional records/s");
            table.add("HTTP latency p50", fmt("%.1f ms", ingest.latency().p50()), ingest.latency().p50(), txn.p50(), "transaction p50");
            table.add("HTTP latency p99", fmt("%.1f ms", ingest.latency().p99()), ingest.latency().p99(), txn.p99(), "transaction p99");
            table.add("HTTP latency (all)", latency(ingest.latency()));
            table.add("HTTP answers", ingest.statuses() + (ingest.transportErrors() > 0 ? ", transport errors " + ingest.transportErrors() : ""));
            ok &= ingest.count(500, 599) == 0 && ingest.transportErrors() == 0;

            ok &= paging(table, "3a. alert → PagerDuty page, enrichmentWait 0s", paging0, options, txn);
            if (paging5 != null) {
                ok &= paging(table, "3b. alert → PagerDuty page, enrichmentWait 5s (default)", paging5, options, txn);
            }

            table.section(fmt("4. alert storm: %d alerts, %d fingerprints, %d services (%d critical) in one cluster, %d clients",
                    options.stormAlerts(), options.stormFingerprints(), options.stormServices(), options.stormCriticalServices(), options.clients()));
            double stormRate = storm.alerts() / storm.http().requests().seconds();
            table.add("HTTP accept rate", fmt("%.0f alerts/s (%d alerts in %.1f s)", stormRate, storm.alerts(), storm.http().requests().seconds()),
                    stormRate, rawRate, "idempotent records/s");
            table.add("HTTP latency", latency(storm.http().latency()));
            table.add("HTTP answers", storm.http().statuses() + ", 5xx: " + storm.http().count(500, 599)
                    + (storm.http().transportErrors() > 0 ? ", transport errors " + storm.http().transportErrors() : ""));
            double drainRate = storm.alerts() / (storm.drain().toNanos() / 1e9);
            table.add("time to drain (first POST → marker page)", fmt("%.1f s%s", storm.drain().toNanos() / 1e9, storm.drained() ? "" : " (NOT drained)"));
            table.add("drain rate (alerts correlated end to end)", fmt("%.0f alerts/s", drainRate), drainRate, rawRate, "idempotent records/s");
            table.add("incidents opened", fmt("%d (expected %d)", storm.incidents(), storm.expectedIncidents()));
            table.add("PagerDuty pages (distinct dedup keys triggered)", fmt("%d (expected %d, never more)", storm.pages(), storm.expectedPages()));
            table.add("PagerDuty trigger events (pages + summary re-triggers)", String.valueOf(storm.triggerEvents()));
            table.add("storm checks", storm.holds() ? "PASS" : "FAIL");
            ok &= storm.holds();
        } finally {
            deleteQuietly(workDir);
        }
        String header = fmt("# firebreak pipeline benchmark\n\n%s · %d cores · Java %s · %s · one embedded KRaft broker + registry, "
                        + "127.0.0.1 only · total %.0f s · checks %s",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), (System.nanoTime() - began) / 1e9, ok ? "PASS" : "FAIL");
        table.note("Ratios are value ÷ the raw Kafka figure named in the last column, measured on the same broker in the same run.");
        table.note("Latency percentiles from HdrHistogram (µs resolution, 3 significant digits), in milliseconds.");
        String markdown = table.markdown(header);
        System.out.println();
        System.out.println(markdown);
        Files.writeString(outputDir.resolve("results.md"), markdown);
        System.out.println("written to " + outputDir.resolve("results.md"));
        return ok;
    }

    private static boolean paging(ResultsTable table, String title, PagingLatencyBench.Result result, BenchOptions options, LatencyStats txn) {
        table.section(fmt("%s (%d CRITICAL alerts at %d/s, each its own cluster)", title, result.sent(), options.e2eRatePerSecond()));
        LatencyStats l = result.latency();
        table.add("POST sent → PagerDuty trigger received, p50", fmt("%.1f ms", l.p50()), l.p50(), txn.p50(), "transaction p50");
        table.add("POST sent → PagerDuty trigger received, p99", fmt("%.1f ms", l.p99()), l.p99(), txn.p99(), "transaction p99");
        table.add("page latency (all)", latency(l));
        table.add("pages missing after wait + 20 s", String.valueOf(result.missing()));
        table.add("HTTP answers", String.valueOf(result.statuses()));
        return result.missing() == 0 && result.statuses().keySet().stream().allMatch(s -> s == 202);
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

package io.firebreak.bench;

import static io.firebreak.bench.ResultsTable.fmt;
import static io.firebreak.bench.ResultsTable.latency;

import java.time.Instant;
import java.util.List;

/**
 * One run's results: the Markdown table they make (every figure next to its raw Kafka ratio) and whether the run
 * passed its correctness checks. A phase that did not run is left out; without the raw phase
 * the ratios read n/a.
 */
record Report(BenchOptions options, RawKafkaBench.Result idempotent, RawKafkaBench.Result transactional, HttpLoad.Result ingest,
              PagingLatencyBench.Result paging0, PagingLatencyBench.Result paging5, PagingLatencyBench.Result startProbe,
              PagingLatencyBench.Result restartProbe, StormBench.Result storm, List<String> startupFailures,
              ScalePhases.Results scale, ScaleOptions scaleOptions) {

    Report {
        startupFailures = List.copyOf(startupFailures);
    }

    boolean passed() {
        return (ingest == null || ingest.count(500, 599) == 0 && ingest.transportErrors() == 0 && ingest.accepted() == ingest.requests().items())
                && pagingPassed(paging0) && pagingPassed(paging5) && pagingPassed(startProbe) && pagingPassed(restartProbe) && (storm == null || storm.holds())
                && scale.passed();
    }

    private static boolean pagingPassed(PagingLatencyBench.Result r) {
        return r == null || r.missing() == 0 && r.statuses().keySet().stream().allMatch(s -> s == 202);
    }

    String markdown(double totalSeconds) {
        double rawRate = idempotent == null ? 0 : idempotent.records().perSecond();
        double txnRate = transactional == null ? 0 : transactional.records().perSecond();
        int k = options.recordsPerTransaction();
        LatencyStats txn = transactional == null ? new LatencyStats(0, 0, 0, 0, 0, 0) : transactional.latency();
        ResultsTable table = new ResultsTable();

        if (idempotent != null) {
            table.section("1. raw Kafka baseline (same broker, same run)");
            table.add(fmt("idempotent producer, acks=all, %d × %d B records, ≤ %d in flight", idempotent.records().items(),
                    options.recordBytes(), options.maxInFlight()), fmt("%.0f records/s", rawRate), rawRate, rawRate, "itself");
            table.add("idempotent per-record ack latency", latency(idempotent.latency()));
            table.add(fmt("transactional, %d records per transaction, one at a time (%d txns)", k, transactional.latency().count()),
                    fmt("%.0f records/s (%.0f txn/s)", txnRate, txnRate / k), txnRate, rawRate, "idempotent records/s");
            table.add("transaction latency (begin → commit returned)", latency(txn));
        }
        if (ingest != null) {
            double requestRate = ingest.requests().perSecond();
            table.section(fmt("2. firebreak ingest (ingest role only, %d HTTP clients, 2 alerts per request)", options.clients()));
            table.add("requests/s (202 = committed to Kafka)", fmt("%.0f requests/s (%d requests)", requestRate, ingest.requests().items()),
                    requestRate, txnRate / k, "raw transactions/s");
            table.add("alerts/s", fmt("%.0f alerts/s", 2 * requestRate), 2 * requestRate, rawRate, "idempotent records/s");
            table.add("alerts/s vs transactional", fmt("%.0f alerts/s", 2 * requestRate), 2 * requestRate, txnRate, "transactional records/s");
            table.add("HTTP latency p50", fmt("%.1f ms", ingest.latency().p50()), ingest.latency().p50(), txn.p50(), "transaction p50");
            table.add("HTTP latency p99", fmt("%.1f ms", ingest.latency().p99()), ingest.latency().p99(), txn.p99(), "transaction p99");
            table.add("HTTP latency (all)", latency(ingest.latency()));
            table.add("HTTP answers", answers(ingest));
        }
        paging(table, "3a. alert → PagerDuty page, enrichmentWait 0s", paging0, txn);
        paging(table, "3b. alert → PagerDuty page, enrichmentWait 5s (the default)", paging5, txn);
        if (startProbe != null || restartProbe != null) {
            table.section("3c. first page after start-up (one CRITICAL alert, sent as soon as the app answers HTTP)");
            probe(table, "fresh instance, new application id, enrichmentWait 0s (before 3a)", startProbe, txn, 90);
            probe(table, "restarted instance, same application id and state, enrichmentWait 0s (phase restart)", restartProbe, txn, 90);
        }
        if (storm != null) {
            table.section(fmt("4. alert storm: %d alerts, %d fingerprints, %d services (%d critical) in one cluster, %d clients",
                    options.stormAlerts(), options.stormFingerprints(), options.stormServices(), options.stormCriticalServices(), options.clients()));
            double stormRate = storm.alerts() / storm.http().requests().seconds();
            table.add("HTTP accept rate", fmt("%.0f alerts/s (%d alerts in %.1f s)", stormRate, storm.alerts(), storm.http().requests().seconds()),
                    stormRate, rawRate, "idempotent records/s");
            table.add("HTTP latency", latency(storm.http().latency()));
            table.add("HTTP answers", answers(storm.http()) + ", 5xx: " + storm.http().count(500, 599)
                    + fmt(", accepted %d of %d requests", storm.http().accepted(), storm.http().requests().items()));
            double drainSeconds = storm.drain().toNanos() / 1e9;
            table.add("time to drain (first POST → marker page)", fmt("%.1f s%s", drainSeconds, storm.drained() ? "" : " (NOT drained)"));
            table.add("drain rate (alerts correlated end to end)", fmt("%.0f alerts/s", storm.alerts() / drainSeconds),
                    storm.alerts() / drainSeconds, rawRate, "idempotent records/s");
            table.add("incidents opened", fmt("%d (expected %d)", storm.incidents(), storm.expectedIncidents()));
            table.add("PagerDuty pages (distinct dedup keys triggered)", fmt("%d (expected %d, never more)", storm.pages(), storm.expectedPages()));
            table.add("PagerDuty trigger events (pages + summary re-triggers)", String.valueOf(storm.triggerEvents()));
            table.add("storm checks (no 5xx, incidents and pages as expected, drained)", storm.holds() ? "PASS" : "FAIL");
        }
        ScaleReport.addTo(table, scale, scaleOptions, rawRate, txn);
        startupFailures.forEach(failure -> table.note("firebreak start-up failed once and was retried: " + failure));
        table.note("Ratios are value ÷ the raw Kafka figure named in the last column, measured on the same broker in the same run.");
        table.note("Latency percentiles from HdrHistogram (µs resolution, 3 significant digits), in milliseconds.");
        String header = fmt("# firebreak pipeline benchmark\n\n%s · %d cores · Java %s · %s · one embedded KRaft broker + registry %s, "
                        + "127.0.0.1 only · total %.0f s · checks %s",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), Brokers.ownJvm() ? "in a JVM of their own" : "in the benchmark's JVM", totalSeconds, passed() ? "PASS" : "FAIL");
        return table.markdown(header);
    }

    private static void probe(ResultsTable table, String what, PagingLatencyBench.Result probe, LatencyStats txn, int limitSeconds) {
        if (probe != null) {
            table.add(what, probe.missing() > 0 ? "no page within " + limitSeconds + " s" : fmt("%.1f s", probe.latency().max() / 1000),
                    probe.latency().max(), txn.p99(), "transaction p99");
        }
    }

    private static String answers(HttpLoad.Result r) {
        return r.statuses() + (r.transportErrors() > 0 ? ", transport errors " + r.transportErrors() + " (first: " + r.firstTransportError() + ")" : "");
    }

    private void paging(ResultsTable table, String title, PagingLatencyBench.Result result, LatencyStats txn) {
        if (result == null) {
            return;
        }
        table.section(fmt("%s (%d CRITICAL alerts at %d/s, each its own cluster)", title, result.sent(), options.e2eRatePerSecond()));
        LatencyStats l = result.latency();
        table.add("POST sent → PagerDuty trigger received, p50", fmt("%.1f ms", l.p50()), l.p50(), txn.p50(), "transaction p50");
        table.add("POST sent → PagerDuty trigger received, p99", fmt("%.1f ms", l.p99()), l.p99(), txn.p99(), "transaction p99");
        table.add("page latency (all)", latency(l));
        table.add("pages missing after enrichment wait + 20 s", fmt("%d of %d", result.missing(), result.sent()));
        table.add("HTTP answers", String.valueOf(result.statuses()));
    }
}

package io.firebreak.bench;

import static io.firebreak.bench.ResultsTable.fmt;
import static io.firebreak.bench.ResultsTable.latency;

import java.util.Comparator;
import java.util.stream.Collectors;

/** The storm-scale phases' rows of the results table, each figure next to its raw Kafka ratio where one applies. */
final class ScaleReport {

    private ScaleReport() {
    }

    static void addTo(ResultsTable table, ScalePhases.Results results, ScaleOptions scale, double rawRate, LatencyStats txn) {
        if (results.sustained() != null) {
            sustained(table, results.sustained(), scale, txn);
        }
        if (results.onegroup() != null) {
            onegroup(table, results.onegroup(), scale, rawRate, txn);
        }
        if (results.throughput() != null) {
            throughput(table, results.throughput(), rawRate);
        }
        if (results.floor() != null) {
            floor(table, results.floor(), rawRate);
        }
        results.failures().forEach(f -> table.note("phase failed (run FAILS): " + f));
    }

    private static void sustained(ResultsTable table, SustainedBench.Result r, ScaleOptions scale, LatencyStats txn) {
        table.section(fmt("5. sustained storm: %d distinct alerts/s for %d s over %d clusters × %d services, %d per request, open loop, "
                        + "+ %d new-incident probes/s", scale.sustainedRate(), scale.sustainedDuration().toSeconds(),
                scale.sustainedClusters(), scale.sustainedServices(), scale.sustainedBatch(), scale.probeRate()));
        OpenLoop.Result storm = r.storm();
        table.add("alerts accepted (202)", fmt("%d of %d scheduled, %.0f alerts/s (offered %d/s)", r.alertsAccepted(),
                (long) (storm.sent() + storm.notSent()) * scale.sustainedBatch(), r.acceptedPerSecond(), scale.sustainedRate()));
        table.add("HTTP latency from the scheduled send, p50", fmt("%.1f ms", storm.latency().p50()), storm.latency().p50(), txn.p50(), "transaction p50");
        table.add("HTTP latency from the scheduled send, p99", fmt("%.1f ms", storm.latency().p99()), storm.latency().p99(), txn.p99(), "transaction p99");
        table.add("HTTP latency (all)", latency(storm.latency()));
        table.add("HTTP answers (storm · probes)", answers(storm) + " · " + answers(r.probeRequests()));
        Probes.Result p = r.probes();
        table.add(fmt("probes paged within %d s after the storm", scale.probeWait().toSeconds()),
                fmt("%d of %d sent (%d paged twice)", p.paged(), p.sent(), p.pagedTwice()));
        table.add("probe POST (scheduled) → PagerDuty request, p50", fmt("%.1f ms", p.latency().p50()), p.latency().p50(), txn.p50(), "transaction p50");
        table.add("probe POST (scheduled) → PagerDuty request, p99", fmt("%.1f ms", p.latency().p99()), p.latency().p99(), txn.p99(), "transaction p99");
        table.add("probe page latency (of those paged)", fmt("p50 %.1f · p90 %.1f · p99 %.1f · max %.1f ms",
                p.latency().p50(), p.latency().p90(), p.latency().p99(), p.latency().max()));
        table.add("slowest probe pages (scheduled after the first probe: latency)", slowest(p));
        table.add("pages for storm alerts (warning: want 0)", String.valueOf(r.otherPages()));
        table.add("correlation backlog on firebreak.signals.v1 (offsets): storm end → end of the probe wait",
                fmt("%d → %d", r.behindAtStormEnd(), r.behindAfterWait()));
        BacklogSampler.Summary backlog = r.backlogDuringStorm();
        table.add("correlation backlog during the storm (sampled every 0.5 s): max · when · mean",
                fmt("%d offsets · %.1f s after the start · %.0f offsets (%d samples)", backlog.max(), backlog.maxAtSeconds(), backlog.mean(),
                        backlog.samples()));
        table.add("CPU of the correlation's stream threads during the storm: cores busy · per alert correlated by its end",
                fmt("%.2f cores · %.1f µs", r.correlationCores(), r.cpuMicrosPerCorrelatedAlert()));
        table.add("goal: every probe paged, p50 ≤ 100 ms, p99 ≤ 500 ms", r.goalMet() ? "MET" : "NOT MET");
        table.add("sustained checks (every request 202, every probe paged once, no other page)", r.holds() ? "PASS" : "FAIL");
    }

    private static void onegroup(ResultsTable table, OneGroupBench.Result r, ScaleOptions scale, double rawRate, LatencyStats txn) {
        table.section(fmt("6. one big group: %d distinct PodCrashLooping alerts (one per pod) into one (cluster, service), %d per "
                + "request, + a probe for another cluster every second", scale.onegroupAlerts(), scale.onegroupBatch()));
        HttpLoad.Result http = r.http();
        double acceptRate = r.alerts() / http.requests().seconds();
        table.add("HTTP accept rate", fmt("%.0f alerts/s (%d alerts in %.1f s)", acceptRate, r.alerts(), http.requests().seconds()),
                acceptRate, rawRate, "idempotent records/s");
        table.add("HTTP latency", latency(http.latency()));
        table.add("HTTP answers", answers(http) + fmt(", accepted %d of %d requests", http.accepted(), http.requests().items()));
        table.add("time to drain (first POST → marker page)", fmt("%.1f s%s", r.drain().toNanos() / 1e9,
                r.drained() ? "" : " (NOT drained within the limit)"));
        table.add("incidents for the group (want 1)", String.valueOf(r.groupIncidents().size()));
        table.add("distinct alerts the group's incident record accounts for (want every accepted one)",
                fmt("%d of %d", OneGroupBench.counted(r.groupIncidents()), r.alerts()));
        table.add("PagerDuty pages for the group (want 1)", fmt("%d (%d trigger events)", r.groupPages(), r.groupTriggerEvents()));
        r.groupIncidents().stream().sorted(Comparator.comparing(IncidentScan.Incident::id)).forEach(i -> table.add(
                "incident record " + i.id() + " (latest on firebreak.incidents.v1)",
                fmt("%,d bytes serialized (largest %,d; %d records; %d signals in the record%s%s)", i.latestBytes(), i.maxBytes(),
                        i.records(), i.signals(), i.signalCounts().isEmpty() ? "" : ", signalCounts " + i.signalCounts(),
                        r.scan().complete() ? "" : "; scan incomplete: the latest of the records read")));
        IncidentScan.Result scan = r.scan();
        table.add("incident topic scan", fmt("%s: %,d records, %,d bytes read", scan.complete() ? "complete" : "INCOMPLETE (time limit)",
                scan.recordsRead(), scan.bytesRead()));
        Probes.Result p = r.probes();
        table.add("probes (another cluster, 1/s until drained) paged", fmt("%d of %d (%d paged twice)", p.paged(), p.sent(), p.pagedTwice()));
        table.add("probe page latency p50", fmt("%.1f ms", p.latency().p50()), p.latency().p50(), txn.p50(), "transaction p50");
        table.add("probe page latency p99", fmt("%.1f ms", p.latency().p99()), p.latency().p99(), txn.p99(), "transaction p99");
        table.add("probe page latency max", fmt("%.1f ms", p.latency().max()), p.latency().max(), txn.p99(), "transaction p99");
        Probes.Result same = r.probesOnStormPartition();
        table.add("… of them on the storm's partition", fmt("%d of %d paged, p50 %.1f · p99 %.1f · max %.1f ms", same.paged(), same.sent(),
                same.latency().p50(), same.latency().p99(), same.latency().max()));
        table.add("goal: every probe paged within 1 s, record ≤ 256 KiB", r.goalMet() ? "MET" : "NOT MET");
        table.add("onegroup checks (no 5xx, drained, 1 incident accounting for every alert, 1 page, every probe paged)",
                r.holds() ? "PASS" : "FAIL");
    }

    private static void throughput(ResultsTable table, ThroughputBench.Result r, double rawRate) {
        HttpLoad.Result http = r.http();
        table.section(fmt("7. correlation throughput: %d distinct alerts, %d per request, as fast as the clients go",
                http.requests().items() * r.batch(), r.batch()));
        table.add("ingest accept rate (first POST → last 202)", fmt("%.0f alerts/s (%d alerts in %.1f s)", r.acceptRate(), r.alerts(),
                r.acceptSeconds()), r.acceptRate(), rawRate, "idempotent records/s");
        table.add("HTTP latency", latency(http.latency()));
        table.add("HTTP answers", answers(http) + fmt(", accepted %d of %d requests", http.accepted(), http.requests().items()));
        table.add("correlation rate (first POST → group committed past every accepted alert)",
                fmt("%.0f alerts/s (%.1f s%s)", r.correlationRate(), r.correlatedSeconds(),
                        r.caughtUp() ? "" : fmt(", NOT caught up: %.0f %% done at the limit", 100 * r.fractionDone())),
                r.correlationRate(), rawRate, "idempotent records/s");
        table.add("correlation behind when ingest finished", fmt("%d offsets", r.behindWhenAccepted()));
        table.add("CPU of the correlation's stream threads per alert (comparable under load)", fmt("%.1f µs", r.cpuMicrosPerAlert()));
        table.add("correlated ÷ accepted (goal ≥ 0.9)", fmt("%.2f (%s)", r.ratio(), r.ratio() >= 0.9 ? "MET" : "NOT MET"));
        table.add("throughput checks (no 5xx, every request 202, correlation caught up)", r.holds() ? "PASS" : "FAIL");
    }

    private static void floor(ResultsTable table, ThroughputBench.Result r, double rawRate) {
        table.section(fmt("8. Kafka Streams floor: the throughput load (%d alerts) against a minimal exactly-once Streams app "
                + "(one store put, one record out per signal) instead of the correlation", r.alerts()));
        table.add("ingest accept rate", fmt("%.0f alerts/s", r.acceptRate()), r.acceptRate(), rawRate, "idempotent records/s");
        table.add("floor rate (first POST → group committed past every accepted alert)", fmt("%.0f alerts/s (%.1f s)",
                r.correlationRate(), r.correlatedSeconds()), r.correlationRate(), rawRate, "idempotent records/s");
        table.add("floor behind when ingest finished", fmt("%d offsets", r.behindWhenAccepted()));
        table.add("CPU of the floor's stream threads per alert", fmt("%.1f µs", r.cpuMicrosPerAlert()));
        table.add("floor ÷ accepted (the most any Kafka Streams correlation could reach here)", fmt("%.2f", r.ratio()));
    }

    private static String answers(OpenLoop.Result r) {
        return r.statuses() + (r.transportErrors() > 0 ? ", transport errors " + r.transportErrors() + " (first: " + r.firstTransportError() + ")" : "")
                + (r.notSent() > 0 ? ", NOT SENT " + r.notSent() : "");
    }

    private static String answers(HttpLoad.Result r) {
        return r.statuses() + (r.transportErrors() > 0 ? ", transport errors " + r.transportErrors() + " (first: " + r.firstTransportError() + ")" : "");
    }

    private static String slowest(Probes.Result probes) {
        return probes.slowest().stream().map(Probes.Slow::toString).collect(Collectors.joining(" · "));
    }
}

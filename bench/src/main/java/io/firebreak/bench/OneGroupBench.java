package io.firebreak.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;

/**
 * One big group: many distinct per-pod alerts ({@code PodCrashLooping}, one fingerprint per pod, 100 per request, the
 * shape a large deployment in a crash loop produces) for ONE (cluster, service), as fast as the clients go. Meanwhile,
 * once a second, a probe: a CRITICAL alert for another, fresh cluster, which must be paged within a second whatever
 * the big group does. What must hold: one incident and one page for the group, every probe paged, the storm drained.
 *
 * <p>Drain: after the storm's HTTP traffic, a marker alert for another service of the same cluster (the Kafka key, so
 * it is correlated after every storm signal); its page marks the end. Probes go on until then (or the drain limit),
 * since the storm is still being correlated after its last 202. Then the incident records of the cluster are read
 * from {@code firebreak.incidents.v1} to count the group's incidents and measure its record.
 */
public record OneGroupBench(FirebreakClient client, RecordingPagerDuty pagerDuty, String bootstrapServers, String registryUrl,
                            BenchOptions options, ScaleOptions scale) {

    /**
     * Outcome; {@code groupIncidents} are the records of the group's incident(s), the marker's left out; every accepted
     * alert must be accounted for in them (no alert lost on the way).
     */
    public record Result(HttpLoad.Result http, int batch, long alerts, Duration drain, boolean drained, OpenLoop.Result probeRequests,
                         Probes.Result probes, Probes.Result probesOnStormPartition, List<IncidentScan.Incident> groupIncidents,
                         int groupPages, int groupTriggerEvents, IncidentScan.Result scan) {

        public boolean holds() {
            return drained && http.count(500, 599) == 0 && http.transportErrors() == 0 && http.accepted() == http.requests().items()
                    && groupIncidents.size() == 1 && groupPages == 1 && counted(groupIncidents) == alerts
                    && probeRequests.allAccepted() && probes.missing() == 0;
        }

        /** Issue 11's goals: every probe paged within 1 s, the incident record ≤ 256 KiB. */
        public boolean goalMet() {
            return probes.missing() == 0 && probes.latency().max() <= 1_000
                    && groupIncidents.stream().allMatch(i -> i.latestBytes() <= 256 * 1024);
        }
    }

    private static final String SERVICE = "crashloop";
    private static final String MARKER_SERVICE = "onegroup-marker";

    public Result run(String runId) throws Exception {
        String cluster = "og-" + runId;
        int batch = scale.onegroupBatch();
        int requests = Math.max(1, scale.onegroupAlerts() / batch);
        long start = System.nanoTime();
        AtomicBoolean probing = new AtomicBoolean(true);
        int probeBound = (int) (scale.onegroupTimeLimit().plus(scale.onegroupDrainLimit()).toSeconds() + 1);
        long probeGiveUp = start + scale.onegroupTimeLimit().plus(scale.onegroupDrainLimit()).toNanos();
        OpenLoop probeLoop = OpenLoop.start("onegroup-probes", client, start, 1_000_000_000L, probeBound, probing::get,
                scale.maxInFlight(), probeGiveUp, n -> probe(runId, n).body("ogprobe" + runId + "n" + n));

        HttpLoad.Result http = new HttpLoad(client, options.clients()).run(requests, start + scale.onegroupTimeLimit().toNanos(), n -> {
            List<AlertPayloads.Alert> alerts = new ArrayList<>(batch);
            for (int j = 0; j < batch; j++) {
                int pod = n * batch + j;
                alerts.add(new AlertPayloads.Alert("og" + runId + "p" + pod, SERVICE + "-" + Integer.toHexString(pod)));
            }
            return AlertPayloads.firing(cluster, SERVICE, "critical", "PodCrashLooping", alerts);
        });
        System.out.printf("[bench] onegroup: storm sent in %.1f s, %s; waiting for the marker page%n", http.requests().seconds(), http.statuses());

        int markerStatus = client.post(AlertPayloads.firing(cluster, MARKER_SERVICE, "critical",
                List.of(new AlertPayloads.Alert("ogmarker" + runId, MARKER_SERVICE + "-0"))));
        long waitUntil = System.nanoTime() + scale.onegroupDrainLimit().toNanos();
        RecordingPagerDuty.Event marker = markerStatus == 202 ? page(cluster, MARKER_SERVICE) : null;
        while (markerStatus == 202 && marker == null && System.nanoTime() < waitUntil) {
            Thread.sleep(50); // polling a recording server: nothing to await on
            marker = page(cluster, MARKER_SERVICE);
        }
        Duration drain = Duration.ofNanos((marker == null ? System.nanoTime() : marker.receivedNanos()) - start);
        probing.set(false);
        OpenLoop.Result probeResult = probeLoop.await(Duration.ofSeconds(5));
        long probeDeadline = System.nanoTime() + scale.probeWait().toNanos();
        Probes.Result probes = Probes.await(pagerDuty, n -> probe(runId, n), probeResult.scheduledAt(), probeDeadline);
        Probes.Result onStormPartition = Probes.await(pagerDuty, n -> probe(runId, n),
                onPartitionOf(cluster, runId, probeResult.scheduledAt()), probeDeadline);

        Set<String> groupPageKeys = pagerDuty.firstTriggers().values().stream()
                .filter(e -> e.group().equals(cluster) && e.component().equals(SERVICE))
                .map(RecordingPagerDuty.Event::dedupKey).collect(Collectors.toSet());
        int triggerEvents = (int) pagerDuty.events().stream()
                .filter(e -> "trigger".equals(e.action()) && groupPageKeys.contains(e.dedupKey())).count();
        String markerId = marker == null ? "" : marker.dedupKey();
        long alerts = http.accepted() * batch;
        IncidentScan.Result scan = IncidentScan.scan(bootstrapServers, registryUrl, cluster + ".", scale.scanLimit());
        List<IncidentScan.Incident> groupIncidents = groupIncidents(scan, markerId);
        // an incident's routine changes are published at most once per correlation.updateInterval (2 s by default), so
        // the record that counts the storm's last signals may follow the marker's page by that long: look again
        for (int again = 0; again < 3 && marker != null && counted(groupIncidents) != alerts; again++) {
            Thread.sleep(3_000);
            scan = IncidentScan.scan(bootstrapServers, registryUrl, cluster + ".", scale.scanLimit());
            groupIncidents = groupIncidents(scan, markerId);
        }
        return new Result(http, batch, alerts, drain, marker != null, probeResult, probes, onStormPartition,
                groupIncidents, groupPageKeys.size(), triggerEvents, scan);
    }

    private static List<IncidentScan.Incident> groupIncidents(IncidentScan.Result scan, String markerId) {
        return scan.incidents().values().stream()
                .filter(i -> !i.id().equals(markerId) && !i.services().equals(List.of(MARKER_SERVICE))).toList();
    }

    static long counted(List<IncidentScan.Incident> incidents) {
        return incidents.stream().mapToLong(IncidentScan.Incident::counted).sum();
    }

    /** The due times of the probes whose cluster hashes to the storm cluster's partition (the others zeroed). */
    private long[] onPartitionOf(String cluster, String runId, long[] scheduledAt) {
        long[] same = new long[scheduledAt.length];
        int stormPartition = partition(cluster);
        for (int n = 0; n < scheduledAt.length; n++) {
            if (partition(probe(runId, n).cluster()) == stormPartition) {
                same[n] = scheduledAt[n];
            }
        }
        return same;
    }

    /** The producer's default partitioner for a keyed record: murmur2 of the key, which is the cluster. */
    private int partition(String cluster) {
        return Utils.toPositive(Utils.murmur2(cluster.getBytes(StandardCharsets.UTF_8))) % options.partitions();
    }

    private RecordingPagerDuty.Event page(String cluster, String service) {
        return pagerDuty.firstTriggers().values().stream()
                .filter(e -> e.group().equals(cluster) && e.component().equals(service)).findFirst().orElse(null);
    }

    private static Probes.Probe probe(String runId, int n) {
        return new Probes.Probe("ogp-" + runId + "-" + n, "checkout");
    }
}

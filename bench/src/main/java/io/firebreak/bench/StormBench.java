package io.firebreak.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An alert storm as Alertmanager produces it: a few distinct alerts (fingerprints) across a few services of one
 * cluster, re-sent over and over in groups of two, as fast as the clients go. What must hold: no 5xx, one
 * incident per (cluster, service) group, and one page per CRITICAL group — never more.
 *
 * <p>Drain: once the storm's HTTP traffic is done, a marker alert for a new service of the same cluster is sent;
 * the cluster is the Kafka key, so the marker is correlated after every storm signal, and its page marks the
 * moment the storm has been fully processed.
 */
public record StormBench(FirebreakClient client, RecordingPagerDuty pagerDuty, IncidentCounter incidents, BenchOptions options) {

    /** Outcome of one storm. */
    public record Result(HttpLoad.Result http, int alerts, int incidents, int expectedIncidents, int pages,
                         int expectedPages, int triggerEvents, Duration drain, boolean drained) {

        public boolean holds() {
            return drained && http.count(500, 599) == 0 && http.transportErrors() == 0 && http.accepted() == http.requests().items()
                    && pages == expectedPages && incidents == expectedIncidents;
        }
    }

    private static final String MARKER_SERVICE = "storm-marker";

    public Result run(String runId) throws Exception {
        String cluster = "storm-" + runId;
        int services = options.stormServices();
        int pairsPerService = Math.max(1, options.stormFingerprints() / services / 2);
        int requests = options.stormAlerts() / 2;
        long start = System.nanoTime();
        HttpLoad.Result http = new HttpLoad(client, options.clients()).run(requests, start + options.stormTimeLimit().toNanos(),
                n -> {
                    int service = n % services;
                    int pair = (n / services) % pairsPerService;
                    return AlertPayloads.firing(cluster, "svc-" + service, service < options.stormCriticalServices() ? "critical" : "warning",
                            List.of(alert(runId, service, 2 * pair), alert(runId, service, 2 * pair + 1)));
                });
        int markerStatus = client.post(AlertPayloads.firing(cluster, MARKER_SERVICE, "critical",
                List.of(new AlertPayloads.Alert("marker" + runId, MARKER_SERVICE + "-0"))));
        if (markerStatus != 202) {
            throw new IllegalStateException("storm marker refused with HTTP " + markerStatus);
        }
        long waitUntil = System.nanoTime() + options.stormTimeLimit().toNanos();
        RecordingPagerDuty.Event marker = markerPage(cluster);
        while (marker == null && System.nanoTime() < waitUntil) {
            Thread.sleep(50); // polling a recording server: nothing to await on
            marker = markerPage(cluster);
        }
        Duration drain = Duration.ofNanos((marker == null ? System.nanoTime() : marker.receivedNanos()) - start);
        // pages of other incidents travel on other partitions of the notify topic: give stragglers a moment
        Thread.sleep(3_000);
        String markerId = marker == null ? "" : marker.dedupKey();
        Set<String> paged = pagerDuty.firstTriggers().keySet().stream()
                .filter(key -> key.startsWith(cluster + ".") && !key.equals(markerId)).collect(Collectors.toSet());
        int triggerEvents = (int) pagerDuty.events().stream()
                .filter(e -> "trigger".equals(e.action()) && e.dedupKey().startsWith(cluster + ".") && !e.dedupKey().equals(markerId))
                .count();
        Set<String> opened = incidents.incidentIds(cluster);
        opened.remove(markerId);
        return new Result(http, (int) http.accepted() * 2, opened.size(), services, paged.size(),
                Math.min(services, options.stormCriticalServices()), triggerEvents, drain, marker != null);
    }

    private RecordingPagerDuty.Event markerPage(String cluster) {
        return pagerDuty.firstTriggers().values().stream()
                .filter(e -> e.dedupKey().startsWith(cluster + ".") && e.summary().contains(MARKER_SERVICE))
                .findFirst().orElse(null);
    }

    private static AlertPayloads.Alert alert(String runId, int service, int index) {
        return new AlertPayloads.Alert("storm" + runId + "s" + service + "f" + index, "svc-" + service + "-pod-" + index);
    }
}

package io.firebreak.streams;

import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Test signals shaped like ingest's Alertmanager mapping of shared/samples/alertmanager-firing.json. */
final class Signals {

    static final Instant T0 = Instant.parse("2026-11-28T09:12:03.512Z");

    private Signals() {
    }

    static Signal.Builder alert(String cluster, String service, String alertName, Severity severity, String fingerprint) {
        Map<String, String> labels = new HashMap<>();
        labels.put("alertname", alertName);
        labels.put("cluster", cluster);
        labels.put("namespace", "trading");
        labels.put("service", service);
        labels.put("severity", severity.name().toLowerCase());
        return Signal.newBuilder()
                .setId("sig-" + fingerprint + "-" + System.nanoTime())
                .setFingerprint(fingerprint)
                .setSource(SignalSource.ALERTMANAGER)
                .setStatus(SignalStatus.FIRING)
                .setSeverity(severity)
                .setCluster(cluster)
                .setService(service)
                .setAlertName(alertName)
                .setSummary(service + " p99 order latency above 250ms")
                .setLabels(labels)
                .setAnnotations(Map.of("runbook_url", "https://runbooks.example.internal/" + service + "/high-latency"))
                .setStartsAt(T0)
                .setReceivedAt(T0)
                .setRunbookUrl("https://runbooks.example.internal/" + service + "/high-latency");
    }

    static Signal critical(String fingerprint) {
        return alert("oci-fra-1", "trade-engine", "TradeEngineHighLatency", Severity.CRITICAL, fingerprint).build();
    }

    static Signal resolved(Signal firing) {
        return Signal.newBuilder(firing).setStatus(SignalStatus.RESOLVED).setEndsAt(T0.plusSeconds(600)).build();
    }
}

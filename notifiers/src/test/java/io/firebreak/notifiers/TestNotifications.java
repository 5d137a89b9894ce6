package io.firebreak.notifiers;

import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notifications shaped like the ones the correlation topology writes (samples/pagerduty-trigger.json). */
public final class TestNotifications {

    public static final String INCIDENT = "oci-fra-1.20261128.0042";

    private TestNotifications() {
    }

    public static Notification.Builder critical() {
        return Notification.newBuilder()
                .setId("ntf-" + INCIDENT + "-pagerduty-1")
                .setIncidentId(INCIDENT)
                .setChannel("pagerduty")
                .setReceiver("pagerduty")
                .setKind(NotificationKind.TRIGGER)
                .setSeverity(Severity.CRITICAL)
                .setStage(Stage.PAGED)
                .setCluster("oci-fra-1")
                .setServices(List.of("trade-engine", "risk-service"))
                .setTitle("trade-engine p99 order latency 412ms > 250ms (oci-fra-1)")
                .setSummary("2 alerts firing on trade-engine; risk-service degraded")
                .setSource("trade-engine.trading.oci-fra-1")
                .setAlertClass("latency")
                .setRootCause("risk-service (score 0.82): upstream latency, deploy v2.14.1")
                .setBurnSummary("trade-engine-order-latency: 15.2x over 1h, 61% budget left")
                .setIncidentUrl("https://incidents.example.internal/incidents/" + INCIDENT)
                .setRunbookUrl("https://runbooks.example.internal/trade-engine/high-latency")
                .setDetails(Map.of("namespace", "trading", "alertname", "TradeEngineHighLatency", "priority", "P9"))
                .setIncidentVersion(3)
                .setAt(Instant.parse("2026-11-28T09:12:03.512Z"));
    }

    public static Notification critical(NotificationKind kind) {
        return critical().setKind(kind).build();
    }

    public static Notification forIncident(String incidentId, NotificationKind kind) {
        return critical().setIncidentId(incidentId).setId("ntf-" + incidentId + "-" + kind).setKind(kind).build();
    }

    /** The same incident as seen by another channel's receiver (slack, slack-war-room, teams, soar). */
    public static Notification forReceiver(String channel, String receiver, NotificationKind kind) {
        return critical().setChannel(channel).setReceiver(receiver).setKind(kind)
                .setId("ntf-" + INCIDENT + "-" + receiver + "-" + kind).build();
    }

    public static Notification forReceiver(String incidentId, String channel, String receiver, NotificationKind kind) {
        return critical().setIncidentId(incidentId).setChannel(channel).setReceiver(receiver).setKind(kind)
                .setId("ntf-" + incidentId + "-" + receiver + "-" + kind).build();
    }
}

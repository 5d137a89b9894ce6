package io.firebreak.streams.routing;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.SignalRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Renders the channel-neutral {@link Notification} a notifier turns into a PagerDuty event, a Slack post... */
public final class Notifications {

    private Notifications() {
    }

    /**
     * The receiver's idempotency key: one trigger per receiver per incident, so a replay after a crash or
     * a rebalance yields the same id and the notifier (PagerDuty dedup key, webhook-id) drops the copy.
     */
    public static String id(String incidentId, String receiver, NotificationKind kind) {
        return incidentId + ":" + receiver + ":" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Notification trigger(Incident incident, String receiver, String channel, Optional<String> runbookUrl, Instant at) {
        Optional<SignalRef> first = incident.getSignals().stream().findFirst();
        String service = first.map(SignalRef::getService).orElse(incident.getServices().isEmpty() ? "unknown" : incident.getServices().get(0));
        String alertClass = first.map(SignalRef::getAlertName).orElse(null);
        Map<String, String> labels = first.map(SignalRef::getLabels).orElse(Map.of());
        return Notification.newBuilder()
                .setId(id(incident.getId(), receiver, NotificationKind.TRIGGER))
                .setIncidentId(incident.getId())
                .setChannel(channel)
                .setReceiver(receiver)
                .setKind(NotificationKind.TRIGGER)
                .setSeverity(incident.getSeverity())
                .setStage(incident.getStage())
                .setCluster(incident.getCluster())
                .setServices(incident.getServices())
                .setTitle("[" + incident.getSeverity() + "] " + service + ": "
                        + (alertClass != null ? alertClass : first.map(SignalRef::getSummary).orElse("incident"))
                        + " (" + incident.getCluster() + ")")
                .setSummary(first.map(SignalRef::getSummary).orElse(null))
                .setSource(source(service, labels.get("namespace"), incident.getCluster()))
                .setAlertClass(alertClass)
                .setRunbookUrl(runbookUrl.orElse(null))
                .setDetails(details(incident, labels))
                .setIncidentVersion(incident.getVersion())
                .setAt(at)
                .setAttempts(0)
                .build();
    }

    /** {@code service.namespace.cluster}, e.g. trade-engine.trading.oci-fra-1 (namespace left out when unknown). */
    static String source(String service, String namespace, String cluster) {
        return namespace == null || namespace.isBlank() ? service + "." + cluster : service + "." + namespace + "." + cluster;
    }

    private static Map<String, String> details(Incident incident, Map<String, String> labels) {
        Map<String, String> details = new LinkedHashMap<>(labels);
        details.put("incident_id", incident.getId());
        details.put("cluster", incident.getCluster());
        details.put("services", String.join(",", incident.getServices()));
        details.put("stage", incident.getStage().name());
        return details;
    }
}

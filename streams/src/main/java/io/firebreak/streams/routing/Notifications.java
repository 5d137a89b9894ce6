package io.firebreak.streams.routing;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.TimelineEntry;
import io.firebreak.streams.enrich.Burn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders the channel-neutral {@link Notification} a notifier turns into a PagerDuty event, a Slack post... */
public final class Notifications {

    private Notifications() {
    }

    /**
     * The receiver's idempotency key. One TRIGGER per receiver per incident ({@code <incident>:<receiver>:trigger}),
     * every later notice per incident version ({@code <incident>:<receiver>:<kind>:<version>}), so a replay after a
     * crash or a rebalance yields the same id and the notifier (PagerDuty dedup key, webhook-id) drops the copy.
     */
    public static String id(String incidentId, String receiver, NotificationKind kind, long version) {
        String base = incidentId + ":" + receiver + ":" + kind.name().toLowerCase(Locale.ROOT);
        return kind == NotificationKind.TRIGGER ? base : base + ":" + version;
    }

    public static Notification render(Incident incident, String receiver, String channel, NotificationKind kind,
                                      Optional<String> runbookUrl, Optional<String> incidentUrlBase, Instant at) {
        Optional<SignalRef> first = origin(incident);
        String service = first.map(SignalRef::getService).orElse(incident.getServices().isEmpty() ? "unknown" : incident.getServices().get(0));
        String alertClass = first.map(SignalRef::getAlertName).orElse(null);
        Map<String, String> labels = first.map(SignalRef::getLabels).orElse(Map.of());
        Optional<RootCauseCandidate> top = incident.getRootCauses().stream().findFirst();
        String summary = kind == NotificationKind.TRIGGER ? first.map(SignalRef::getSummary).orElse(null) : lastChange(incident);
        return Notification.newBuilder()
                .setId(id(incident.getId(), receiver, kind, incident.getVersion()))
                .setIncidentId(incident.getId())
                .setChannel(channel)
                .setReceiver(receiver)
                .setKind(kind)
                .setSeverity(incident.getSeverity())
                .setStage(incident.getStage())
                .setCluster(incident.getCluster())
                .setServices(incident.getServices())
                .setTitle("[" + incident.getSeverity() + "] " + service + ": "
                        + (alertClass != null ? alertClass : first.map(SignalRef::getSummary).orElse("incident"))
                        + " (" + incident.getCluster() + ")")
                .setSummary(summary)
                .setSource(source(service, labels.get("namespace"), incident.getCluster()))
                .setAlertClass(alertClass)
                .setRootCause(top.map(Notifications::rootCause).orElse(null))
                .setBurnSummary(Burn.summary(incident.getBurn()).orElse(null))
                .setIncidentUrl(incidentUrlBase.map(base -> base + URLEncoder.encode(incident.getId(), StandardCharsets.UTF_8)).orElse(null))
                .setRunbookUrl(runbookUrl.orElse(null))
                .setDetails(details(incident, labels))
                .setIncidentVersion(incident.getVersion())
                .setAt(at)
                .setAttempts(0)
                .build();
    }

    /** The signal that opened the incident (older records: the first of their signals): title and routing labels. */
    public static Optional<SignalRef> origin(Incident incident) {
        return Optional.ofNullable(incident.getOrigin()).or(() -> incident.getSignals().stream().findFirst());
    }

    private static String rootCause(RootCauseCandidate candidate) {
        List<String> evidence = candidate.getEvidence();
        return candidate.getService() + (evidence.isEmpty() ? "" : " (" + evidence.get(0) + ")");
    }

    private static String lastChange(Incident incident) {
        List<TimelineEntry> timeline = incident.getTimeline();
        return timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).getCause();
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
        details.put("reopens", Integer.toString(incident.getReopens()));
        if (incident.getAcknowledgedAt() != null) {
            details.put("acknowledged_at", incident.getAcknowledgedAt().toString());
        }
        if (!incident.getSuspectChanges().isEmpty()) {
            details.put("suspect_changes", String.join(",", incident.getSuspectChanges().stream()
                    .map(s -> s.getService() + "@" + Optional.ofNullable(s.getVersion()).orElse(s.getChangeId())).toList()));
        }
        return details;
    }
}

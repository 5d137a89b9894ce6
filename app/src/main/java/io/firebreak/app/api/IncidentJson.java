package io.firebreak.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firebreak.core.channel.Receiver;
import io.firebreak.events.ActionItem;
import io.firebreak.events.BurnSnapshot;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import io.firebreak.events.TriggerDelivery;
import io.firebreak.streams.correlation.SignalTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The incident as the API shows it (DESIGN §4: these field names are part of the interface). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentJson(String id, String cluster, String title, String severity, String stage, boolean closed,
                           List<String> services, Instant openedAt, Instant updatedAt, int reopens, long version,
                           Instant acknowledgedAt, Instant mitigatedAt, Instant recoveredAt, Instant resolvedAt,
                           List<Signal> signals, SignalCounts signalCounts, List<RootCause> rootCauses, List<Change> suspectChanges, List<Burn> burn,
                           List<Entry> timeline, int timelineOmitted, List<Action> actionItems, List<String> pagedReceivers,
                           List<Delivery> deliveries, Maintenance maintenance, List<Held> heldNotifications,
                           List<Mitigation> mitigations, List<Trigger> triggers, boolean notPagedYet) {

    /** The maintenance window holding the incident's notifications, while one does. */
    public record Maintenance(String id, String name, Instant until) {
    }

    /** A notification a maintenance window held back. */
    public record Held(Instant at, String receiver, String kind, String windowId, String windowName) {
    }

    /** {@code kind}: {@code rollback} (a change back to a version the service ran before) or {@code action}. */
    public record Mitigation(String kind, String service, String version, Instant at, String actor) {
    }

    /**
     * How many distinct signals the incident has ({@code signals} is a sample of at most 20), and how many per alert
     * name, service and status; every signal is listed by {@code GET /v1/incidents/{id}/signals}.
     */
    public record SignalCounts(int firing, int resolved, int total, List<Group> byAlert) {
    }

    public record Group(String alertName, String service, String status, int count, Instant firstSeen, Instant lastSeen) {
    }

    public record Signal(String fingerprint, String source, String service, String alertName, String status, String severity,
                         String summary, boolean flapping, int count, Instant firstSeen, Instant lastSeen) {
    }

    public record RootCause(String service, double score, List<String> evidence) {
    }

    public record Change(String service, String version, String kind, Instant at, String url, String author) {
    }

    public record Burn(String slo, String service, Map<String, Double> rates, double budgetRemaining) {
    }

    public record Entry(Instant at, String stage, String kind, String cause, String actor, List<String> evidence) {
    }

    public record Action(String id, String description, String owner, String due, String status) {
    }

    /** The latest receipt of one notification; {@code outcome} "retrying" is a delivery still pending (issue 17). */
    public record Delivery(String channel, String receiver, String notificationId, String kind, Instant at, String outcome,
                           String ref, Integer httpStatus, int attempts, String error, Instant nextAttemptAt) {
    }

    /**
     * A receiver's first notification (issue 17): {@code state} pending (routing decided, the receiver has not accepted),
     * accepted, or failed (the notifier gave up); with the failed attempts so far, the last error and the next attempt.
     */
    public record Trigger(String receiver, String channel, String state, Instant decidedAt, int attempts, String lastError,
                          Integer lastStatus, Instant failingSince, Instant nextAttemptAt, Instant acceptedAt, Instant escalatedAt) {
    }

    public static IncidentJson of(Incident stored, List<DeliveryReceipt> deliveries) {
        Incident i = SignalTally.normalized(stored);
        return new IncidentJson(i.getId(), i.getCluster(), i.getTitle(), i.getSeverity().name(), i.getStage().name(), i.getClosed(),
                List.copyOf(i.getServices()), i.getOpenedAt(), i.getUpdatedAt(), i.getReopens(), i.getVersion(),
                i.getAcknowledgedAt(), i.getMitigatedAt(), i.getRecoveredAt(), i.getResolvedAt(),
                i.getSignals().stream().map(IncidentJson::signal).toList(),
                counts(i),
                i.getRootCauses().stream().map(IncidentJson::rootCause).toList(),
                i.getSuspectChanges().stream().map(IncidentJson::change).toList(),
                i.getBurn().stream().map(IncidentJson::burn).toList(),
                i.getTimeline().stream().map(IncidentJson::entry).toList(),
                i.getTimelineOmitted(),
                i.getActionItems().stream().map(IncidentJson::action).toList(),
                List.copyOf(i.getPagedReceivers()),
                deliveries.stream().map(IncidentJson::delivery).toList(),
                i.getMaintenance() == null ? null : new Maintenance(i.getMaintenance().getId(), i.getMaintenance().getName(),
                        i.getMaintenance().getUntil()),
                i.getHeldNotifications().stream().map(h -> new Held(h.getAt(), h.getReceiver(), h.getKind(), h.getWindowId(),
                        h.getWindowName())).toList(),
                i.getMitigations().stream().map(m -> new Mitigation(m.getKind(), m.getService(), m.getVersion(), m.getAt(),
                        m.getActor())).toList(),
                i.getTriggers().stream().map(IncidentJson::trigger).toList(),
                notPagedYet(i));
    }

    /** A page was decided and its receiver has not accepted it: the incident is NOT paged, whatever its stage says. */
    static boolean notPagedYet(Incident i) {
        return i.getTriggers().stream().anyMatch(t -> t.getAcceptedAt() == null && Receiver.paging(t.getReceiver()));
    }

    private static Trigger trigger(TriggerDelivery t) {
        String state = t.getAcceptedAt() != null ? "accepted" : t.getGaveUpAt() != null ? "failed" : "pending";
        return new Trigger(t.getReceiver(), t.getChannel(), state, t.getDecidedAt(), t.getAttempts(), t.getLastError(), t.getLastStatus(),
                t.getFailingSince(), t.getNextAttemptAt(), t.getAcceptedAt(), t.getEscalatedAt());
    }

    /** Totals from the counters (derived once by {@link SignalTally#normalized} for a record written before they existed). */
    private static SignalCounts counts(Incident i) {
        int firing = i.getFiringSignals();
        int resolved = i.getResolvedSignals();
        List<Group> groups = i.getSignalGroups().stream().map(g -> new Group(g.getAlertName(), g.getService(),
                g.getStatus().name().toLowerCase(java.util.Locale.ROOT), g.getCount(), g.getFirstSeen(), g.getLastSeen())).toList();
        return new SignalCounts(firing, resolved, firing + resolved, groups);
    }

    static Signal signal(SignalRef s) {
        return new Signal(s.getFingerprint(), s.getSource().name().toLowerCase(java.util.Locale.ROOT), s.getService(), s.getAlertName(),
                s.getStatus().name().toLowerCase(java.util.Locale.ROOT), s.getSeverity().name(), s.getSummary(), s.getFlapping(),
                s.getCount(), s.getFirstSeen(), s.getLastSeen());
    }

    private static RootCause rootCause(RootCauseCandidate c) {
        return new RootCause(c.getService(), c.getScore(), List.copyOf(c.getEvidence()));
    }

    private static Change change(SuspectChange c) {
        return new Change(c.getService(), c.getVersion(), c.getKind().name().toLowerCase(java.util.Locale.ROOT), c.getAt(), c.getUrl(), c.getAuthor());
    }

    private static Burn burn(BurnSnapshot b) {
        return new Burn(b.getSlo(), b.getService(), new TreeMap<>(b.getRates()), b.getBudgetRemaining());
    }

    private static Entry entry(TimelineEntry e) {
        return new Entry(e.getAt(), e.getStage() == null ? null : e.getStage().name(), e.getKind(), e.getCause(), e.getActor(),
                List.copyOf(e.getEvidence()));
    }

    private static Action action(ActionItem a) {
        return new Action(a.getId(), a.getDescription(), a.getOwner(), a.getDue(), a.getStatus());
    }

    private static Delivery delivery(DeliveryReceipt d) {
        return new Delivery(d.getChannel(), d.getReceiver(), d.getNotificationId(), d.getKind().name(), d.getAt(), d.getOutcome(),
                d.getRef(), d.getHttpStatus(), d.getAttempts(), d.getError(), d.getNextAttemptAt());
    }
}

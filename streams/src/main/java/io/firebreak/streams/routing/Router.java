package io.firebreak.streams.routing;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.OpenAfter;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who hears what (DESIGN §7): applies the {@link RouteTable} to an Avro {@link Incident}. A receiver the route
 * table names for the incident's current state that was not notified yet gets one TRIGGER; receivers already notified
 * are remembered on the incident ({@code pagedReceivers}), so an escalation pages only the new receivers and a
 * de-escalation, or a replay, pages nobody. Later changes go to the already notified receivers as UPDATE / ACKNOWLEDGE /
 * RESOLVE (ACKNOWLEDGE only to a receiver that pages, the others get an UPDATE), never as a new TRIGGER. A receiver
 * that hears every change (SOAR) gets an UPDATE even for changes no person needs to see. What each receiver does is
 * declared on {@link Receiver}; incidents and notifications name receivers by {@link Receiver#id()}.
 */
public final class Router {

    public record Routed(Incident incident, List<Notification> notifications, List<String> triggered) {
        public Routed {
            notifications = List.copyOf(notifications);
            triggered = List.copyOf(triggered);
        }
    }

    private final RouteTable table;
    private final Optional<String> incidentUrlBase;
    /** Asked for every signal of a storm ({@link #hasThresholds}); the table never changes. */
    private final boolean thresholds;

    public Router(RouteTable table) {
        this(table, Optional.empty());
    }

    public Router(RouteTable table, Optional<String> incidentUrlBase) {
        this.table = table;
        this.incidentUrlBase = incidentUrlBase;
        this.thresholds = table.hasThresholds();
    }

    public RouteTable table() {
        return table;
    }

    /**
     * Notifications for one change of an incident whose first notifications went out: TRIGGERs for newly
     * routed receivers (escalation) while it is not recovered, and the notice for the receivers already
     * notified.
     */
    public Routed route(Incident incident, Notice notice, Optional<String> runbookUrl, Instant at) {
        List<String> paged = new ArrayList<>(incident.getPagedReceivers());
        List<Notification> out = new ArrayList<>();
        for (String receiver : paged) {
            Optional<NotificationKind> kind = kindFor(incident, receiver, notice);
            kind.ifPresent(k -> out.add(render(incident, receiver, k, runbookUrl, at)));
        }
        List<String> triggered = new ArrayList<>();
        boolean recovered = incident.getRecoveredAt() != null || incident.getClosed();
        if (!recovered) {
            for (Receiver receiver : receiversFor(incident)) {
                if (!paged.contains(receiver.id())) {
                    triggered.add(receiver.id());
                }
            }
        }
        if (triggered.isEmpty()) {
            return new Routed(incident, out, List.of());
        }
        paged.addAll(triggered);
        Incident updated = Records.copy(incident);
        updated.setPagedReceivers(paged);
        for (String receiver : triggered) {
            out.add(render(updated, receiver, NotificationKind.TRIGGER, runbookUrl, at));
            if (updated.getAcknowledgedAt() != null && pagesPagerDuty(receiver)) {
                // acknowledged (dashboard, Slack, API) before the page went out: PagerDuty must not escalate it
                out.add(render(updated, receiver, NotificationKind.ACKNOWLEDGE, runbookUrl, at));
            }
        }
        return new Routed(updated, out, triggered);
    }

    /**
     * Issue 17: a first notification was not accepted within {@code paging.pendingTimeout}, so the incident's routes'
     * fallback receivers not notified yet get their TRIGGER now (once: they join the paged receivers).
     */
    public Routed fallback(Incident incident, Instant at) {
        List<String> paged = new ArrayList<>(incident.getPagedReceivers());
        List<String> fallback = table.fallbacksFor(labelSets(incident)).stream().map(Receiver::id).filter(id -> !paged.contains(id)).toList();
        if (fallback.isEmpty()) {
            return new Routed(incident, List.of(), List.of());
        }
        paged.addAll(fallback);
        Incident updated = Records.copy(incident);
        updated.setPagedReceivers(paged);
        return new Routed(updated, fallback.stream().map(receiver -> render(updated, receiver, NotificationKind.TRIGGER, Optional.empty(), at))
                .toList(), fallback);
    }

    private static boolean pagerDutyResolved(Incident incident) {
        return incident.getRecoveredAt() != null || incident.getResolvedAt() != null || incident.getClosed() || incident.getReopens() > 0;
    }

    /**
     * The receivers the incident's current state routes to, in route order (see {@link RouteTable#receiversFor}); a
     * route whose paging threshold the incident has not met as of its last change notifies nobody yet.
     */
    public List<Receiver> receiversFor(Incident incident) {
        return table.receiversFor(labelSets(incident), threshold -> met(incident, threshold, incident.getUpdatedAt()));
    }

    /** Whether any route waits for a paging threshold: then a signal that adds no service may still route to a new receiver. */
    public boolean hasThresholds() {
        return thresholds;
    }

    /** The paging threshold ({@code openAfter}) of a matching route the incident has not met at {@code at}, if any. */
    public Optional<OpenAfter> waitingFor(Incident incident, Instant at) {
        return table.waitingFor(labelSets(incident), threshold -> met(incident, threshold, at));
    }

    /** Enough distinct signals of the incident fired (and still fire) within the threshold's window before {@code at}. */
    private static boolean met(Incident incident, OpenAfter threshold, Instant at) {
        Instant since = at.minus(threshold.within());
        long recent = incident.getSignals().stream()
                .filter(signal -> signal.getStatus() == SignalStatus.FIRING && !signal.getLastSeen().isBefore(since))
                .map(SignalRef::getFingerprint).distinct().count();
        return recent >= threshold.signals();
    }

    public boolean pagesPagerDuty(String receiver) {
        return Receiver.paging(receiver);
    }

    public static boolean warRoom(String receiver) {
        return Receiver.named(receiver).filter(Receiver::opensWarRoom).isPresent();
    }

    /**
     * The labels routes (and maintenance windows) match on: the first signal's, with the incident's own severity and
     * cluster, once per service.
     */
    public static List<Map<String, String>> labelSets(Incident incident) {
        Map<String, String> base = new HashMap<>();
        Notifications.origin(incident).ifPresent(first -> base.putAll(first.getLabels()));
        // the incident's own view wins over the first alert's raw labels (e.g. severity "critical" vs CRITICAL)
        base.put("severity", incident.getSeverity().name());
        base.put("cluster", incident.getCluster());
        List<Map<String, String>> sets = new ArrayList<>();
        for (String service : incident.getServices()) {
            Map<String, String> labels = new HashMap<>(base);
            labels.put("service", service);
            sets.add(labels);
        }
        if (sets.isEmpty()) {
            sets.add(base);
        }
        return sets;
    }

    private Optional<NotificationKind> kindFor(Incident incident, String receiver, Notice notice) {
        return switch (notice) {
            case NONE -> Receiver.named(receiver).filter(Receiver::hearsEveryChange).map(r -> NotificationKind.UPDATE);
            // PagerDuty updates an alert only by re-triggering it; once the alert was resolved (recovery, or a reopen
            // after one) a re-trigger opens a new PagerDuty incident: a second page for the same incident
            case UPDATE -> pagesPagerDuty(receiver) && pagerDutyResolved(incident)
                    ? Optional.empty() : Optional.of(NotificationKind.UPDATE);
            case ACKNOWLEDGE -> Optional.of(pagesPagerDuty(receiver) ? NotificationKind.ACKNOWLEDGE : NotificationKind.UPDATE);
            case RESOLVE -> Optional.of(NotificationKind.RESOLVE);
        };
    }

    public Notification render(Incident incident, String receiver, NotificationKind kind, Optional<String> runbookUrl, Instant at) {
        String channel = Receiver.named(receiver).orElseThrow(() -> new IllegalArgumentException(
                "incident " + incident.getId() + " names unknown receiver '" + receiver + "', expected one of " + Receiver.ids()))
                .channel().id();
        return Notifications.render(incident, receiver, channel, kind, runbookUrl, incidentUrlBase, at);
    }
}

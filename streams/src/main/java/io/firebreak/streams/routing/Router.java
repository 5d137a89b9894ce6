package io.firebreak.streams.routing;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who hears what (DESIGN §7). A receiver the route table names for the incident's current state
 * that was not notified yet gets one TRIGGER; receivers already notified are remembered on the incident
 * ({@code pagedReceivers}), so an escalation pages only the new receivers and a de-escalation, or a replay,
 * pages nobody. Later changes go to the already notified receivers as UPDATE / ACKNOWLEDGE / RESOLVE
 * (ACKNOWLEDGE only to PagerDuty, the others get an UPDATE), never as a new TRIGGER. SOAR receivers hear
 * every change.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    public static final String SOAR = "soar";

    public record Routed(Incident incident, List<Notification> notifications, List<String> triggered) {
        public Routed {
            notifications = List.copyOf(notifications);
            triggered = List.copyOf(triggered);
        }
    }

    private final RouteTable table;
    private final Optional<String> incidentUrlBase;

    public Router(RouteTable table) {
        this(table, Optional.empty());
    }

    public Router(RouteTable table, Optional<String> incidentUrlBase) {
        this.table = table;
        this.incidentUrlBase = incidentUrlBase;
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
            for (String receiver : table.receiversFor(incident)) {
                if (paged.contains(receiver)) {
                    continue;
                }
                if (table.channelOf(receiver).isEmpty()) {
                    LOG.warn("event=route_unknown_receiver incident={} receiver={}", incident.getId(), receiver);
                    continue;
                }
                triggered.add(receiver);
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

    private static boolean pagerDutyResolved(Incident incident) {
        return incident.getRecoveredAt() != null || incident.getResolvedAt() != null || incident.getClosed() || incident.getReopens() > 0;
    }

    public boolean pagesPagerDuty(String receiver) {
        return table.channelOf(receiver).filter("pagerduty"::equals).isPresent();
    }

    public static boolean warRoom(String receiver) {
        return receiver.contains("war-room");
    }

    private Optional<NotificationKind> kindFor(Incident incident, String receiver, Notice notice) {
        return switch (notice) {
            case NONE -> receiver.equals(SOAR) || table.channelOf(receiver).filter(SOAR::equals).isPresent()
                    ? Optional.of(NotificationKind.UPDATE) : Optional.empty();
            // PagerDuty updates an alert only by re-triggering it; once the alert was resolved (recovery, or a reopen
            // after one) a re-trigger opens a new PagerDuty incident: a second page for the same incident
            case UPDATE -> pagesPagerDuty(receiver) && pagerDutyResolved(incident)
                    ? Optional.empty() : Optional.of(NotificationKind.UPDATE);
            case ACKNOWLEDGE -> Optional.of(pagesPagerDuty(receiver) ? NotificationKind.ACKNOWLEDGE : NotificationKind.UPDATE);
            case RESOLVE -> Optional.of(NotificationKind.RESOLVE);
        };
    }

    public Notification render(Incident incident, String receiver, NotificationKind kind, Optional<String> runbookUrl, Instant at) {
        return Notifications.render(incident, receiver, table.channelOf(receiver).orElseThrow(), kind, runbookUrl, incidentUrlBase, at);
    }
}

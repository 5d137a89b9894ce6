package io.firebreak.streams.routing;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is paged (DESIGN §7): each receiver the route table names for the incident's current state
 * and that was not paged yet gets one TRIGGER. Receivers already paged are remembered on the incident
 * ({@code pagedReceivers}), so an escalation pages only the new receivers and a de-escalation, or any
 * replay, pages nobody.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    public record Routed(Incident incident, List<Notification> notifications) {
        public Routed {
            notifications = List.copyOf(notifications);
        }
    }

    private final RouteTable table;

    public Router(RouteTable table) {
        this.table = table;
    }

    public Routed route(Incident incident, Optional<String> runbookUrl, Instant at) {
        if (incident.getClosed()) {
            return new Routed(incident, List.of());
        }
        List<String> paged = new ArrayList<>(incident.getPagedReceivers());
        List<String> newlyPaged = new ArrayList<>();
        for (String receiver : table.receiversFor(incident)) {
            if (paged.contains(receiver)) {
                continue;
            }
            if (table.channelOf(receiver).isEmpty()) {
                LOG.warn("event=route_unknown_receiver incident={} receiver={}", incident.getId(), receiver);
                continue;
            }
            newlyPaged.add(receiver);
        }
        if (newlyPaged.isEmpty()) {
            return new Routed(incident, List.of());
        }
        paged.addAll(newlyPaged);
        // the pages belong to this incident version: recording them does not count as another change
        Incident updated = Incident.newBuilder(incident).setPagedReceivers(paged).build();
        List<Notification> notifications = new ArrayList<>();
        for (String receiver : newlyPaged) {
            notifications.add(Notifications.trigger(updated, receiver, table.channelOf(receiver).orElseThrow(), runbookUrl, at));
        }
        return new Routed(updated, notifications);
    }
}

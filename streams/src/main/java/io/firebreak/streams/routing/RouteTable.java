package io.firebreak.streams.routing;

import io.firebreak.events.Incident;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes plus the channel each receiver delivers through (receiver {@code slack-war-room} posts via
 * channel {@code slack}). Plain data: the default is DESIGN §7's seed table, a later issue loads it from
 * the {@code routes:} / {@code receivers:} config.
 */
public record RouteTable(List<Route> routes, Map<String, String> channelByReceiver) {

    public RouteTable {
        routes = List.copyOf(routes);
        channelByReceiver = Map.copyOf(channelByReceiver);
    }

    /** DESIGN §7 seed table. */
    public static RouteTable defaults() {
        return new RouteTable(
                List.of(Route.forSeverity("CRITICAL", "pagerduty", "slack-war-room", "teams"),
                        Route.forSeverity("HIGH", "slack", "teams"),
                        Route.forSeverity("MEDIUM", "slack"),
                        Route.forSeverity("LOW")),
                Map.of("pagerduty", "pagerduty", "slack", "slack", "slack-war-room", "slack", "teams", "teams", "soar", "soar"));
    }

    /**
     * The receivers the incident's current state routes to, in route order, without repeats. An incident
     * with several services matches a route when any of its services does, so a service-scoped route
     * still sees a storm that spread to its service.
     */
    public List<String> receiversFor(Incident incident) {
        List<Map<String, String>> labelSets = labelSets(incident);
        Set<String> receivers = new LinkedHashSet<>();
        for (Route route : routes) {
            if (labelSets.stream().anyMatch(route::matches)) {
                receivers.addAll(route.receivers());
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return List.copyOf(receivers);
    }

    public Optional<String> channelOf(String receiver) {
        return Optional.ofNullable(channelByReceiver.get(receiver));
    }

    private static List<Map<String, String>> labelSets(Incident incident) {
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
}

package io.firebreak.core.routing;

import static io.firebreak.core.channel.Receiver.PAGERDUTY;
import static io.firebreak.core.channel.Receiver.SLACK;
import static io.firebreak.core.channel.Receiver.SLACK_WAR_ROOM;
import static io.firebreak.core.channel.Receiver.TEAMS;

import io.firebreak.core.channel.Receiver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The routes, tried in order. Plain data: the default is DESIGN §7's seed table, the {@code routes:} config
 * replaces it.
 */
public record RouteTable(List<Route> routes) {

    public RouteTable {
        routes = List.copyOf(routes);
    }

    /** DESIGN §7 seed table; LOW notifies no receiver, so it is seen on the dashboard only. */
    public static RouteTable defaults() {
        return new RouteTable(List.of(
                Route.forSeverity("CRITICAL", PAGERDUTY, SLACK_WAR_ROOM, TEAMS),
                Route.forSeverity("HIGH", SLACK, TEAMS),
                Route.forSeverity("MEDIUM", SLACK),
                Route.forSeverity("LOW")));
    }

    /** Whether any route waits for a paging threshold ({@link OpenAfter}): then a new signal alone can route to a new receiver. */
    public boolean hasThresholds() {
        return routes.stream().anyMatch(route -> route.openAfter().isPresent());
    }

    /**
     * The receivers an incident routes to, in route order, without repeats. An incident has one label set per
     * service, and matches a route when any of them does, so a service-scoped route still sees a storm that spread
     * to its service.
     */
    public List<Receiver> receiversFor(List<Map<String, String>> labelSets) {
        return receiversFor(labelSets, threshold -> true);
    }

    /** The fallback receivers of the routes an incident matches (see {@link #receiversFor}), for an unaccepted page. */
    public List<Receiver> fallbacksFor(List<Map<String, String>> labelSets) {
        Set<Receiver> receivers = new LinkedHashSet<>();
        matching(labelSets).forEach(route -> receivers.addAll(route.fallback()));
        return List.copyOf(receivers);
    }

    /**
     * The receivers as above, where a matching route whose {@link OpenAfter} threshold is not {@code met} notifies
     * nobody yet.
     */
    public List<Receiver> receiversFor(List<Map<String, String>> labelSets, Predicate<OpenAfter> met) {
        Set<Receiver> receivers = new LinkedHashSet<>();
        for (Route route : matching(labelSets)) {
            if (route.openAfter().map(met::test).orElse(true)) {
                receivers.addAll(route.receivers());
            }
        }
        return List.copyOf(receivers);
    }

    /** The first threshold not {@code met} among the routes the labels match: what the incident waits for. */
    public Optional<OpenAfter> waitingFor(List<Map<String, String>> labelSets, Predicate<OpenAfter> met) {
        return matching(labelSets).stream().flatMap(route -> route.openAfter().stream()).filter(threshold -> !met.test(threshold))
                .findFirst();
    }

    /** The routes that apply, in order: every matching one up to the first that does not continue. */
    private List<Route> matching(List<Map<String, String>> labelSets) {
        List<Route> matching = new ArrayList<>();
        for (Route route : routes) {
            if (labelSets.stream().anyMatch(route::matches)) {
                matching.add(route);
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return matching;
    }
}

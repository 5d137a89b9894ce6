package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.OpenAfter;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** One Alertmanager-style route in {@code routes:}; the first match wins unless {@code continue: true}. */
public class RouteConfig {

    /** Matchers like {@code severity="CRITICAL"}, {@code service=~"trade-.*"}; all must match. */
    @NotNull
    @JsonProperty
    public List<String> matchers = new ArrayList<>();

    @NotNull
    @JsonProperty
    public List<String> receivers = new ArrayList<>();

    @JsonProperty("continue")
    public boolean continueMatching;

    /** {@code openAfter: {signals: 3, within: 5m}}: the route notifies only once that many signals fired within the window. */
    @JsonProperty
    public OpenAfterConfig openAfter;

    public static class OpenAfterConfig {
        @JsonProperty
        public int signals;

        @NotNull
        @JsonProperty
        public Duration within;
    }

    /** Receivers notified only when a first notification was not accepted within {@code paging.pendingTimeout}. */
    @NotNull
    @JsonProperty
    public List<String> fallback = new ArrayList<>();

    /** The route table of {@code routes:}; empty means the seed table of DESIGN §7. A bad receiver or matcher names its route. */
    public static RouteTable table(List<RouteConfig> routes) {
        if (routes.isEmpty()) {
            return RouteTable.defaults();
        }
        List<Route> parsed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            List<Receiver> receivers = receivers(route.receivers, "routes[" + i + "].receivers");
            List<Receiver> fallback = receivers(route.fallback, "routes[" + i + "].fallback");
            Optional<OpenAfter> openAfter;
            try {
                openAfter = Optional.ofNullable(route.openAfter)
                        .map(threshold -> new OpenAfter(threshold.signals, threshold.within.toJavaDuration()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("routes[" + i + "]." + e.getMessage(), e);
            }
            try {
                parsed.add(new Route(route.matchers.stream().map(Matcher::parse).toList(), receivers, route.continueMatching, openAfter,
                        fallback));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("routes[" + i + "].matchers: " + e.getMessage(), e);
            }
        }
        return new RouteTable(parsed);
    }

    private static List<Receiver> receivers(List<String> names, String key) {
        List<Receiver> receivers = new ArrayList<>();
        for (String receiver : names) {
            receivers.add(Receiver.named(receiver).orElseThrow(() -> new IllegalArgumentException(key + ": unknown receiver '" + receiver
                    + "', expected one of " + new TreeSet<>(Receiver.ids()))));
        }
        return receivers;
    }
}

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
        List<String> problems = new ArrayList<>(); // every route's, so one check names them all
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            List<Receiver> receivers = receivers(route.receivers, "routes[" + i + "].receivers", problems);
            List<Receiver> fallback = receivers(route.fallback, "routes[" + i + "].fallback", problems);
            Optional<OpenAfter> openAfter = Optional.empty();
            try {
                openAfter = Optional.ofNullable(route.openAfter)
                        .map(threshold -> new OpenAfter(threshold.signals, threshold.within.toJavaDuration()));
            } catch (IllegalArgumentException e) {
                problems.add("routes[" + i + "]." + e.getMessage());
            }
            List<Matcher> matchers = new ArrayList<>();
            for (String matcher : route.matchers) {
                try {
                    matchers.add(Matcher.parse(matcher));
                } catch (IllegalArgumentException e) {
                    problems.add("routes[" + i + "].matchers: " + matcher + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            parsed.add(new Route(matchers, receivers, route.continueMatching, openAfter, fallback));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new RouteTable(parsed);
    }

    /** The receivers named under {@code key}; an unknown name is a problem of its own, the others still count. */
    private static List<Receiver> receivers(List<String> names, String key, List<String> problems) {
        List<Receiver> receivers = new ArrayList<>();
        for (String receiver : names) {
            Receiver.named(receiver).ifPresentOrElse(receivers::add, () -> problems.add(key + ": unknown receiver '" + receiver
                    + "', expected one of " + new TreeSet<>(Receiver.ids())));
        }
        return receivers;
    }
}

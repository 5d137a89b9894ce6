package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
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

    /** The route table of {@code routes:}; empty means the seed table of DESIGN §7. A bad receiver or matcher names its route. */
    public static RouteTable table(List<RouteConfig> routes) {
        if (routes.isEmpty()) {
            return RouteTable.defaults();
        }
        List<Route> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>(); // every route's, so one check names them all
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            List<Receiver> receivers = new ArrayList<>();
            int index = i;
            for (String receiver : route.receivers) {
                Receiver.named(receiver).ifPresentOrElse(receivers::add, () -> problems.add("routes[" + index
                        + "].receivers: unknown receiver '" + receiver + "', expected one of " + new TreeSet<>(Receiver.ids())));
            }
            List<Matcher> matchers = new ArrayList<>();
            for (String matcher : route.matchers) {
                try {
                    matchers.add(Matcher.parse(matcher));
                } catch (IllegalArgumentException e) {
                    problems.add("routes[" + i + "].matchers: " + matcher + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            parsed.add(new Route(matchers, receivers, route.continueMatching));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new RouteTable(parsed);
    }
}

package io.firebreak.core.routing;

import io.firebreak.core.channel.Receiver;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One routing rule (DESIGN §7, Alertmanager-style): when every matcher matches the incident's labels, its
 * receivers are notified. Routes are tried in order; the first match wins unless it says
 * {@code continueMatching} (Alertmanager's {@code continue: true}). With {@code openAfter}, a matching route notifies
 * only once its threshold is met; until then it notifies nobody (and, unless it continues, neither do later routes).
 * Its {@code fallback} receivers are notified only when a first notification of the incident was not accepted within
 * {@code paging.pendingTimeout}.
 */
public record Route(List<Matcher> matchers, List<Receiver> receivers, boolean continueMatching, Optional<OpenAfter> openAfter,
                    List<Receiver> fallback) {

    public Route {
        matchers = List.copyOf(matchers);
        receivers = List.copyOf(receivers);
        Objects.requireNonNull(openAfter, "openAfter");
        fallback = List.copyOf(fallback);
    }

    /** A route that notifies from the first signal on, without fallback. */
    public Route(List<Matcher> matchers, List<Receiver> receivers, boolean continueMatching) {
        this(matchers, receivers, continueMatching, Optional.empty(), List.of());
    }

    /** A route matching incidents of one severity (the seed table's shape). */
    public static Route forSeverity(String severity, Receiver... receivers) {
        return new Route(List.of(Matcher.equal("severity", severity)), List.of(receivers), false);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}

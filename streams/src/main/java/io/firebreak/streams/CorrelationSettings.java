package io.firebreak.streams;

import io.firebreak.streams.routing.RouteTable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code correlation:} settings of DESIGN §12 the topology uses, plus the routes.
 *
 * @param groupBy        labels whose equal values put signals in one incident ({@code cluster}, {@code service}
 *                       are the Signal's fields, anything else its labels)
 * @param window         how long a dependent service's signal may join an open incident (DESIGN §6.3; kept for
 *                       the dependency-graph step, not used yet)
 * @param enrichmentWait how long notifications may wait for RCA / burn enrichment (DESIGN §5; not used yet,
 *                       pages go out at once)
 * @param routes         severity routing, DESIGN §7 seed table by default
 * @param retention      how long, in stream time, an incident whose signals are all resolved (or a dedup entry
 *                       not seen again) stays in the correlation state before it is closed and dropped
 * @param purgeInterval  how often (stream time) the retention sweep runs
 */
public record CorrelationSettings(List<String> groupBy, Duration window, Duration enrichmentWait,
                                  RouteTable routes, Duration retention, Duration purgeInterval) {

    public CorrelationSettings {
        groupBy = List.copyOf(groupBy);
        if (groupBy.isEmpty()) {
            throw new IllegalArgumentException("correlation.groupBy must name at least one label, e.g. [cluster, service]");
        }
        Objects.requireNonNull(window, "correlation.window");
        Objects.requireNonNull(enrichmentWait, "correlation.enrichmentWait");
        Objects.requireNonNull(routes, "routes");
        requirePositive(retention, "correlation.retention");
        requirePositive(purgeInterval, "correlation.purgeInterval");
    }

    public static CorrelationSettings defaults() {
        return new CorrelationSettings(List.of("cluster", "service"), Duration.ofMinutes(10), Duration.ofSeconds(5),
                RouteTable.defaults(), Duration.ofHours(24), Duration.ofMinutes(1));
    }

    public CorrelationSettings withGroupBy(List<String> labels) {
        return new CorrelationSettings(labels, window, enrichmentWait, routes, retention, purgeInterval);
    }

    public CorrelationSettings withRoutes(RouteTable table) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, table, retention, purgeInterval);
    }

    public CorrelationSettings withRetention(Duration keep, Duration sweepEvery) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, keep, sweepEvery);
    }

    private static void requirePositive(Duration duration, String key) {
        Objects.requireNonNull(duration, key);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + duration);
        }
    }
}

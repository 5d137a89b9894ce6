package io.firebreak.streams;

import io.firebreak.core.routing.RouteTable;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code correlation:}, {@code recovery:} and {@code services:} settings of DESIGN §12 the topology uses,
 * plus the routes.
 *
 * @param groupBy          labels whose equal values put signals in one incident ({@code cluster}, {@code service}
 *                         are the Signal's fields, anything else its labels)
 * @param window           how long after an incident's last signal a linked service's signal still joins it (§6.3)
 * @param enrichmentWait   how long the first notifications wait for RCA / burn enrichment (§5); zero = at once
 * @param routes           severity routing, DESIGN §7 seed table by default
 * @param retention        how long, in stream time, an incident whose signals are all resolved (or a dedup entry
 *                         not seen again) stays in the correlation state before it is closed and dropped
 * @param purgeInterval    how often (stream time) the retention sweep runs
 * @param services         the configured service graph ({@code services:} name → dependsOn)
 * @param graphDepth       how many hops of the service graph link two services (§6.3)
 * @param changeLookback   how far before an incident a change still counts as a suspect (§6.4)
 * @param flappingFlips    a signal flipping firing⇄resolved more than this many times ...
 * @param flappingWithin   ... within this window is flapping (§6.1)
 * @param stableFor        how long every signal must stay resolved and the burn under threshold before
 *                         automatic RECOVERED (§5)
 * @param incidentUrlBase  where people open an incident (dashboard), e.g. {@code https://firebreak.example/incidents/};
 *                         the id is appended
 * @param updateInterval   an incident's changes are published (incidents topic) and sent as UPDATEs to the receivers
 *                         already notified at most once per interval, the latest state winning; the first change after
 *                         a quiet interval goes at once, and a page, acknowledgement or resolve is never held back.
 *                         Zero publishes every change.
 */
public record CorrelationSettings(List<String> groupBy, Duration window, Duration enrichmentWait,
                                  RouteTable routes, Duration retention, Duration purgeInterval,
                                  ServiceGraph services, int graphDepth, Duration changeLookback,
                                  int flappingFlips, Duration flappingWithin, Duration stableFor,
                                  Optional<String> incidentUrlBase, Duration updateInterval) {

    /** See {@code updateInterval}: a storm's changes reach the incidents topic and the channels at most this often. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(2);

    public CorrelationSettings {
        groupBy = List.copyOf(groupBy);
        if (groupBy.isEmpty()) {
            throw new IllegalArgumentException("correlation.groupBy must name at least one label, e.g. [cluster, service]");
        }
        requireNotNegative(window, "correlation.window");
        requireNotNegative(enrichmentWait, "correlation.enrichmentWait");
        Objects.requireNonNull(routes, "routes");
        requirePositive(retention, "correlation.retention");
        requirePositive(purgeInterval, "correlation.purgeInterval");
        Objects.requireNonNull(services, "services");
        if (graphDepth < 0) {
            throw new IllegalArgumentException("correlation.graphDepth must be >= 0, got " + graphDepth);
        }
        requireNotNegative(changeLookback, "correlation.changeLookback");
        if (flappingFlips < 1) {
            throw new IllegalArgumentException("correlation.flapping.flips must be >= 1, got " + flappingFlips);
        }
        requirePositive(flappingWithin, "correlation.flapping.within");
        requireNotNegative(stableFor, "recovery.stableFor");
        Objects.requireNonNull(incidentUrlBase, "incidentUrlBase");
        requireNotNegative(updateInterval, "correlation.updateInterval");
    }

    /** The constructor of the first topology, kept for callers: every newer setting at its default. */
    public CorrelationSettings(List<String> groupBy, Duration window, Duration enrichmentWait,
                               RouteTable routes, Duration retention, Duration purgeInterval) {
        this(groupBy, window, enrichmentWait, routes, retention, purgeInterval, ServiceGraph.empty(), 3,
                Duration.ofMinutes(30), 4, Duration.ofMinutes(15), Duration.ofMinutes(5), Optional.empty(), DEFAULT_UPDATE_INTERVAL);
    }

    public static CorrelationSettings defaults() {
        return new CorrelationSettings(List.of("cluster", "service"), Duration.ofMinutes(10), Duration.ofSeconds(5),
                RouteTable.defaults(), Duration.ofHours(24), Duration.ofMinutes(1));
    }

    public CorrelationSettings withGroupBy(List<String> labels) {
        return new CorrelationSettings(labels, window, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withRoutes(RouteTable table) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, table, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withRetention(Duration keep, Duration sweepEvery) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, keep, sweepEvery, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withWindow(Duration joinWindow) {
        return new CorrelationSettings(groupBy, joinWindow, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withEnrichmentWait(Duration wait) {
        return new CorrelationSettings(groupBy, window, wait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    /** {@code services:} as name → dependsOn, e.g. {@code trade-engine → [risk-service, postgres-main]}. */
    public CorrelationSettings withServices(Map<String, List<String>> dependsOn) {
        return withServiceGraph(ServiceGraph.of(dependsOn));
    }

    public CorrelationSettings withServiceGraph(ServiceGraph graph) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, graph,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withGraphDepth(int depth) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services,
                depth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withChangeLookback(Duration lookback) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, lookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withFlapping(int flips, Duration within) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flips, within, stableFor, incidentUrlBase, updateInterval);
    }

    public CorrelationSettings withStableFor(Duration stable) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stable, incidentUrlBase, updateInterval);
    }

    /** Prefix of an incident's link, e.g. {@code https://firebreak.example/?incident=}; the incident id is appended as is. */
    public CorrelationSettings withIncidentUrlBase(String base) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor,
                Optional.ofNullable(base).filter(b -> !b.isBlank()), updateInterval);
    }

    public CorrelationSettings withUpdateInterval(Duration interval) {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services,
                graphDepth, changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, interval);
    }

    private static void requirePositive(Duration duration, String key) {
        Objects.requireNonNull(duration, key);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + duration);
        }
    }

    private static void requireNotNegative(Duration duration, String key) {
        Objects.requireNonNull(duration, key);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + duration);
        }
    }
}

package io.firebreak.streams;

import io.firebreak.core.routing.RouteTable;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code correlation:}, {@code recovery:} and {@code services:} settings of DESIGN §12 the topology uses,
 * plus the routes. Built by the app's {@code CorrelationConfig} (the one place their defaults are written); checked
 * here, so a bad value fails start-up with its key.
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
 * @param pendingTimeout   {@code paging.pendingTimeout}: a first notification (a page above all) its receiver has not
 *                         accepted this long after routing decided it is escalated through the receivers that work
 */
public record CorrelationSettings(List<String> groupBy, Duration window, Duration enrichmentWait,
                                  RouteTable routes, Duration retention, Duration purgeInterval,
                                  ServiceGraph services, int graphDepth, Duration changeLookback,
                                  int flappingFlips, Duration flappingWithin, Duration stableFor,
                                  Optional<String> incidentUrlBase, Duration updateInterval,
                                  Duration pendingTimeout) {

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
        requirePositive(pendingTimeout, "paging.pendingTimeout");
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

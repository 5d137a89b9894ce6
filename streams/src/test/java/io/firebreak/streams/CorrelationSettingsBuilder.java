package io.firebreak.streams;

import io.firebreak.core.routing.RouteTable;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Correlation settings for topology tests, named like the YAML keys. Starts from DESIGN §12's documented values (the
 * production defaults live in the app's {@code CorrelationConfig}, whose test checks them); a test changes only what
 * its rule is about.
 */
public final class CorrelationSettingsBuilder {

    private List<String> groupBy = List.of("cluster", "service");
    private Duration window = Duration.ofMinutes(10);
    private Duration enrichmentWait = Duration.ofSeconds(5);
    private RouteTable routes = RouteTable.defaults();
    private Duration retention = Duration.ofHours(24);
    private Duration purgeInterval = Duration.ofMinutes(1);
    private ServiceGraph services = ServiceGraph.empty();
    private int graphDepth = 3;
    private Duration changeLookback = Duration.ofMinutes(30);
    private int flappingFlips = 4;
    private Duration flappingWithin = Duration.ofMinutes(15);
    private Duration stableFor = Duration.ofMinutes(5);
    private Optional<String> incidentUrlBase = Optional.empty();
    private Duration updateInterval = Duration.ofSeconds(2);
    private Duration pendingTimeout = Duration.ofSeconds(60);

    private CorrelationSettingsBuilder() {
    }

    public static CorrelationSettingsBuilder defaults() {
        return new CorrelationSettingsBuilder();
    }

    public CorrelationSettings build() {
        return new CorrelationSettings(groupBy, window, enrichmentWait, routes, retention, purgeInterval, services, graphDepth,
                changeLookback, flappingFlips, flappingWithin, stableFor, incidentUrlBase, updateInterval,
                pendingTimeout);
    }

    public CorrelationSettingsBuilder groupBy(List<String> labels) {
        this.groupBy = labels;
        return this;
    }

    public CorrelationSettingsBuilder window(Duration joinWindow) {
        this.window = joinWindow;
        return this;
    }

    public CorrelationSettingsBuilder enrichmentWait(Duration wait) {
        this.enrichmentWait = wait;
        return this;
    }

    public CorrelationSettingsBuilder routes(RouteTable table) {
        this.routes = table;
        return this;
    }

    public CorrelationSettingsBuilder retention(Duration keep, Duration sweepEvery) {
        this.retention = keep;
        this.purgeInterval = sweepEvery;
        return this;
    }

    /** {@code services:} as name → dependsOn. */
    public CorrelationSettingsBuilder services(Map<String, List<String>> dependsOn) {
        this.services = ServiceGraph.of(dependsOn);
        return this;
    }

    public CorrelationSettingsBuilder graphDepth(int depth) {
        this.graphDepth = depth;
        return this;
    }

    public CorrelationSettingsBuilder flapping(int flips, Duration within) {
        this.flappingFlips = flips;
        this.flappingWithin = within;
        return this;
    }

    public CorrelationSettingsBuilder stableFor(Duration stable) {
        this.stableFor = stable;
        return this;
    }

    public CorrelationSettingsBuilder pendingTimeout(Duration timeout) {
        this.pendingTimeout = timeout;
        return this;
    }

    public CorrelationSettingsBuilder updateInterval(Duration interval) {
        this.updateInterval = interval;
        return this;
    }
}

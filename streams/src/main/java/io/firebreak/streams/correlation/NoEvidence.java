package io.firebreak.streams.correlation;

import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.RcaReport;
import io.firebreak.streams.graph.ServiceGraph;
import java.util.List;
import java.util.Optional;

/** A cluster with nothing to enrich an incident with: no graph, no changes, no RCA, no burn (tests, and the warm-up). */
final class NoEvidence implements IncidentContext {

    static final IncidentContext INSTANCE = new NoEvidence();

    private NoEvidence() {
    }

    @Override
    public ServiceGraph graph(String cluster) {
        return ServiceGraph.empty();
    }

    @Override
    public List<ChangeEvent> changesOf(String cluster) {
        return List.of();
    }

    @Override
    public Optional<RcaReport> corootReport(Incident incident) {
        return Optional.empty();
    }

    @Override
    public List<BurnRate> burnRates() {
        return List.of();
    }
}

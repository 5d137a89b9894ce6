package io.firebreak.streams.correlation;

import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.RcaReport;
import io.firebreak.streams.graph.ServiceGraph;
import java.util.List;
import java.util.Optional;

/**
 * What a decision about one incident may read besides the incident itself: the evidence of its cluster. The
 * topology reads it from its stores ({@link EnrichmentSources}); a test hands in plain values.
 */
interface IncidentContext {

    /** The configured service graph plus what was learned for this cluster. */
    ServiceGraph graph(String cluster);

    /** The cluster's recent changes, oldest first. */
    List<ChangeEvent> changesOf(String cluster);

    /** The latest external RCA for one of the incident's services, recent enough to concern it. */
    Optional<RcaReport> corootReport(Incident incident);

    /** Every SLO's latest burn rates. */
    List<BurnRate> burnRates();
}

package io.firebreak.streams.correlation;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Stage;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.Optional;

/**
 * Changes (DESIGN §6.4) and RCA reports (§6.5): kept for the incidents still to come, and attached now to the
 * incidents they concern: a change to the open incidents it is a new suspect for, a report to the incident it
 * names (or, naming none, to those with its service). The attaching itself is the {@link Enricher}'s, run by
 * the update.
 */
record EvidenceAttachment(Enricher enricher, IncidentState state, EnrichmentSources sources, IncidentUpdates updates) {

    void onChange(ChangeEvent change, long timestamp) {
        sources.addChange(change);
        Instant at = Instant.ofEpochMilli(timestamp);
        ServiceGraph graph = sources.graph(change.getCluster());
        for (Incident incident : state.ofCluster(change.getCluster())) {
            if (StageMachine.active(incident) && enricher.wouldSuspect(change, incident, graph)) {
                updates.update(Records.copy(incident), Notice.NONE, Optional.empty(), at);
            }
        }
    }

    void onRca(RcaReport report, long timestamp) {
        sources.addReport(report, timestamp);
        Instant at = Instant.ofEpochMilli(timestamp);
        for (Incident incident : state.ofCluster(report.getCluster())) {
            boolean named = report.getIncidentId() != null ? report.getIncidentId().equals(incident.getId())
                    : incident.getServices().contains(report.getService());
            if (named && incident.getStage() != Stage.POSTMORTEM_PUBLISHED) {
                updates.update(Records.copy(incident), Notice.NONE, Optional.empty(), at);
            }
        }
    }
}

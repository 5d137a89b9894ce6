package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deduplicated signal finds its incident (DESIGN §6.2–6.3): the one its correlation group points at, else an
 * open incident of a linked service, else a new one. What the signal does to it is the {@link IncidentDecider}'s to say.
 */
record SignalCorrelation(CorrelationSettings settings, IncidentDecider decider, IncidentState state, EnrichmentSources sources,
                         Watches watches, IncidentUpdates updates, RetentionSweep retention, LongSupplier wallClock,
                         LongSupplier streamTime) {

    private static final Logger LOG = LoggerFactory.getLogger(SignalCorrelation.class);

    /** An open incident a signal joins through the service graph, and the incident's service it is linked to. */
    private record Linked(Incident incident, String service) {
    }

    void onSignal(IncidentInput.SignalInput input, long timestamp) {
        Signal signal = input.signal();
        Instant at = Instant.ofEpochMilli(timestamp);
        GroupKey group = GroupKey.of(signal, settings.groupBy());
        Incident current = state.ofGroup(group).orElse(null);
        // stream time, not the record's own: monotonic per task (see IncidentState#nextId)
        long now = Math.max(timestamp, streamTime.getAsLong());
        if (current != null && retention.expireIfDue(current, now)) {
            current = null;
        }
        if (current != null && current.getStage() == Stage.POSTMORTEM_PUBLISHED) {
            current = null; // published: the problem is closed for good, a new alert is a new incident
        }
        Optional<String> via = Optional.empty();
        if (current == null && signal.getStatus() == SignalStatus.FIRING) {
            Optional<Linked> linked = linkedIncident(signal, at);
            if (linked.isPresent()) {
                current = linked.get().incident();
                via = Optional.of(signal.getService() + " is linked to " + linked.get().service());
                state.link(group, current.getId());
            }
        }
        Optional<String> runbook = runbookUrl(signal);
        if (current == null) {
            if (signal.getStatus() == SignalStatus.RESOLVED) {
                LOG.debug("event=resolved_without_incident cluster={} fingerprint={}", signal.getCluster(), signal.getFingerprint());
                return;
            }
            String id = state.nextId(signal.getCluster(), now);
            state.link(group, id);
            watches.awaitEnrichment(id, wallClock.getAsLong() + settings.enrichmentWait().toMillis());
            LOG.info("event=incident_opened incident={} group={} severity={} fingerprint={}", id, group, signal.getSeverity(),
                    signal.getFingerprint());
            input.takenBy(id);
            updates.apply(decider.open(id, group, signal, input.flapping(), runbook, at));
            return;
        }
        Optional<Decision> decision = decider.signal(current, state.signal(current, input.previous(), signal.getFingerprint()), signal,
                input.flapping(), via, runbook, updates.holding(current.getId()), at);
        if (decision.isEmpty()) {
            return; // nothing visible changed: the entry keeps naming the incident it named
        }
        input.takenBy(current.getId());
        // debug: in a storm this is a line per alert, and the incident's timeline sums them up anyway
        LOG.debug("event=incident_signal incident={} fingerprint={} status={} via_graph={}",
                current.getId(), signal.getFingerprint(), signal.getStatus(), via.isPresent());
        updates.apply(decision.get());
    }

    /**
     * Dependency-graph correlation (DESIGN §6.3): the open incident of this cluster with a service linked to
     * the signal's service (either direction, up to graphDepth hops) whose last signal is within the window;
     * the most recently active one when several fit.
     */
    private Optional<Linked> linkedIncident(Signal signal, Instant at) {
        ServiceGraph graph = sources.graph(signal.getCluster());
        Linked best = null;
        for (Incident incident : state.ofCluster(signal.getCluster())) {
            if (incident.getStage() == Stage.POSTMORTEM_PUBLISHED
                    || SignalTally.lastSignalAt(incident).isBefore(at.minus(settings.window()))) {
                continue;
            }
            for (String service : incident.getServices()) {
                if (graph.linked(signal.getService(), service, settings.graphDepth())) {
                    if (best == null || SignalTally.lastSignalAt(incident).isAfter(SignalTally.lastSignalAt(best.incident()))) {
                        best = new Linked(incident, service);
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The alert's runbook link: the Signal field, else Alertmanager's conventional {@code runbook_url} annotation. */
    private static Optional<String> runbookUrl(Signal signal) {
        if (signal.getRunbookUrl() != null && !signal.getRunbookUrl().isBlank()) {
            return Optional.of(signal.getRunbookUrl());
        }
        return Optional.ofNullable(signal.getAnnotations().get("runbook_url")).filter(url -> !url.isBlank());
    }
}

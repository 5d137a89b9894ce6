package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Notice;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deduplicated signal finds its incident (DESIGN §6.2–6.3): the one its correlation group points at, else an
 * open incident of a linked service, else a new one. The rules of folding it in are the {@link Correlator}'s.
 */
final class SignalCorrelation {

    private static final Logger LOG = LoggerFactory.getLogger(SignalCorrelation.class);

    /** An open incident a signal joins through the service graph, and the incident's service it is linked to. */
    private record Linked(Incident incident, String service) {
    }

    private final CorrelationSettings settings;
    private final Correlator correlator;
    private final IncidentState state;
    private final EnrichmentSources sources;
    private final Watches watches;
    private final IncidentUpdates updates;
    private final IncidentOutput output;
    private final RetentionSweep retention;
    private final LongSupplier wallClock;
    private final LongSupplier streamTime;

    SignalCorrelation(CorrelationSettings settings, Correlator correlator, IncidentState state, EnrichmentSources sources, Watches watches,
                      IncidentUpdates updates, IncidentOutput output, RetentionSweep retention, LongSupplier wallClock,
                      LongSupplier streamTime) {
        this.settings = settings;
        this.correlator = correlator;
        this.state = state;
        this.sources = sources;
        this.watches = watches;
        this.updates = updates;
        this.output = output;
        this.retention = retention;
        this.wallClock = wallClock;
        this.streamTime = streamTime;
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
            Incident opened = correlator.open(state.nextId(signal.getCluster(), now), group, signal, input.flapping(), at);
            opened.setVersion(0);
            state.link(group, opened.getId());
            remember(opened.getId(), SignalRefs.first(signal, at), input.flapping(), timestamp);
            watches.awaitEnrichment(opened.getId(), wallClock.getAsLong() + settings.enrichmentWait().toMillis());
            LOG.info("event=incident_opened incident={} group={} severity={} fingerprint={}",
                    opened.getId(), group, opened.getSeverity(), signal.getFingerprint());
            updates.update(opened, Notice.NONE, runbook, at);
            return;
        }
        Optional<Correlator.Applied> applied = correlator.apply(current, state.signal(current, signal.getFingerprint()), signal,
                input.flapping(), via, at);
        if (applied.isEmpty()) {
            return;
        }
        // debug: in a storm this is a line per alert, and the incident's timeline sums them up anyway
        LOG.debug("event=incident_signal incident={} fingerprint={} status={} via_graph={}",
                current.getId(), signal.getFingerprint(), signal.getStatus(), via.isPresent());
        state.putSignal(current.getId(), applied.get().signal());
        output.signal(current.getId(), applied.get().signal(), timestamp);
        updates.update(applied.get().incident(), applied.get().notice(), runbook, at);
    }

    private void remember(String incidentId, SignalRef signal, boolean flapping, long timestamp) {
        signal.setFlapping(flapping);
        state.putSignal(incidentId, signal);
        output.signal(incidentId, signal, timestamp);
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
                    || Correlator.lastSignalAt(incident).isBefore(at.minus(settings.window()))) {
                continue;
            }
            for (String service : incident.getServices()) {
                if (graph.linked(signal.getService(), service, settings.graphDepth())) {
                    if (best == null || Correlator.lastSignalAt(incident).isAfter(Correlator.lastSignalAt(best.incident()))) {
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

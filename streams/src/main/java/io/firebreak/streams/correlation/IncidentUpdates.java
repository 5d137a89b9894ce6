package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.Stage;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.lifecycle.Timeline;
import io.firebreak.streams.routing.Router;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every incident change takes: enrich the changed working copy, stamp the new version, route
 * (or release the first notifications once enrichment is in or the wait is over), store and emit. One
 * incident version per input; routine versions inside the update interval are stored at once and published
 * together when it is over ({@link UpdateThrottle}).
 */
final class IncidentUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentUpdates.class);
    /** Timeline kind of the entry recording that the first notifications went out. */
    static final String NOTIFIED = "notified";

    private final CorrelationSettings settings;
    private final Router router;
    private final Enricher enricher;
    private final IncidentState state;
    private final EnrichmentSources sources;
    private final Watches watches;
    private final IncidentOutput output;
    private final UpdateThrottle throttle;
    private final LongSupplier wallClock;

    IncidentUpdates(CorrelationSettings settings, Router router, Enricher enricher, IncidentState state, EnrichmentSources sources,
                    Watches watches, IncidentOutput output, UpdateThrottle throttle, LongSupplier wallClock) {
        this.settings = settings;
        this.router = router;
        this.enricher = enricher;
        this.state = state;
        this.sources = sources;
        this.watches = watches;
        this.output = output;
        this.throttle = throttle;
        this.wallClock = wallClock;
    }

    /** Whether the incident's first notifications went out. */
    static boolean released(Incident incident) {
        return Timeline.has(incident, NOTIFIED);
    }

    /** Applies a change made to {@code working} (a copy of the stored incident, or a new one). */
    void update(Incident working, Notice notice, Optional<String> runbook, Instant at) {
        ServiceGraph graph = sources.graph(working.getCluster());
        boolean released = released(working);
        Notice effective = notice.and(enricher.enrich(working, graph, sources.corootReport(working), at, released));
        working.setVersion(working.getVersion() + 1);
        working.setUpdatedAt(at);
        List<Notification> out = new ArrayList<>();
        Incident result = working;
        boolean urgent = effective == Notice.ACKNOWLEDGE || effective == Notice.RESOLVE;
        if (released) {
            Router.Routed routed = router.route(working, effective, runbook, at);
            result = routed.incident();
            enterTriggeredStages(result, routed.triggered(), at);
            out.addAll(routed.notifications());
            urgent |= !routed.triggered().isEmpty();
        } else if (settings.enrichmentWait().isZero() || enricher.complete(working)) {
            result = release(working, graph, runbook, at, out);
            urgent = true;
        }
        long wallNow = wallClock.getAsLong();
        if (urgent || throttle.mayPublish(result.getId(), wallNow)) {
            save(result, out, at);
        } else {
            // a routine change inside the update interval: kept, and published with the latest state when it is over
            state.put(result);
            watches.sync(result, wallNow);
            throttle.hold(result.getId(), wallNow, effective);
        }
    }

    /** Publishes the latest state of an incident whose changes were held, with the UPDATEs its receivers are owed. */
    void publishHeld(UpdateThrottle.Held held, Instant at) {
        Optional<Incident> incident = state.find(held.incidentId());
        if (incident.isEmpty()) {
            throttle.forget(held.incidentId());
            return;
        }
        List<Notification> out = new ArrayList<>();
        Incident result = incident.get();
        if (released(result)) {
            Router.Routed routed = router.route(result, held.owed(), Optional.empty(), at);
            result = routed.incident();
            enterTriggeredStages(result, routed.triggered(), at);
            out.addAll(routed.notifications());
        }
        save(result, out, at);
    }

    /** The enrichment deadline passed: the first notifications go out with whatever enrichment is in. */
    void releaseAtDeadline(Incident incident, Instant at) {
        Incident working = Records.copy(incident);
        working.setVersion(working.getVersion() + 1);
        working.setUpdatedAt(at);
        ServiceGraph graph = sources.graph(working.getCluster());
        List<Notification> out = new ArrayList<>();
        Incident released = release(working, graph, Optional.empty(), at, out);
        LOG.info("event=enrichment_wait_over incident={} notifications={}", incident.getId(), out.size());
        save(released, out, at);
    }

    /** The first notifications (DESIGN §5): RCA and burn stages, TRIGGERs, PAGED / WAR_ROOM_OPEN. */
    private Incident release(Incident working, ServiceGraph graph, Optional<String> runbook, Instant at, List<Notification> out) {
        enricher.enrich(working, graph, sources.corootReport(working), at, true);
        Router.Routed routed = router.route(working, Notice.NONE, runbook, at);
        Incident result = routed.incident();
        Timeline.add(result, at, NOTIFIED, routed.triggered().isEmpty() ? "no receiver routed for " + result.getSeverity() + " (dashboard only)"
                : "notified " + String.join(", ", routed.triggered()));
        enterTriggeredStages(result, routed.triggered(), at);
        out.addAll(routed.notifications());
        watches.stopAwaitingEnrichment(result.getId());
        return result;
    }

    private void enterTriggeredStages(Incident incident, List<String> triggered, Instant at) {
        for (String receiver : triggered) {
            if (router.pagesPagerDuty(receiver)) {
                StageMachine.advance(incident, Stage.PAGED, at, "paged via " + receiver + " at " + incident.getSeverity(), List.of());
            }
        }
        for (String receiver : triggered) {
            if (Router.warRoom(receiver)) {
                StageMachine.advance(incident, Stage.WAR_ROOM_OPEN, at, "war room opened via " + receiver, List.of());
            }
        }
    }

    private void save(Incident incident, List<Notification> notifications, Instant at) {
        long wallNow = wallClock.getAsLong();
        state.put(incident);
        watches.sync(incident, wallNow);
        throttle.published(incident.getId(), wallNow);
        long timestamp = at.toEpochMilli();
        output.incident(incident, timestamp);
        output.notifications(incident, notifications, timestamp);
    }
}

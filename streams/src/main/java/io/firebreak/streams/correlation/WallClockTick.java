package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Stage;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.enrich.Burn;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.state.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work that must happen when no record arrives (a quiet cluster after a storm has no stream time moving
 * forward), so it runs on wall-clock time: the enrichment deadline, the burn refresh, automatic recovery,
 * postmortem pickup and the escalation of unaccepted pages, in that order, from the {@link Watches} lists.
 */
final class WallClockTick {

    private static final Logger LOG = LoggerFactory.getLogger(WallClockTick.class);

    private final CorrelationSettings settings;
    private final IncidentDecider decider;
    private final IncidentState state;
    private final EnrichmentSources sources;
    private final Watches watches;
    private final IncidentUpdates updates;
    private final Duration burnRefresh;
    /** How soon a pending trigger that was not due yet is looked at again. */
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /**
     * Next wall-clock time the burn refresh runs. Deliberately not in a store: after a restart the refresh
     * simply runs at the first tick, which only costs one comparison per open incident.
     */
    private long nextBurnRefresh;

    WallClockTick(CorrelationSettings settings, IncidentDecider decider, IncidentState state, EnrichmentSources sources, Watches watches,
                  IncidentUpdates updates, Duration burnRefresh) {
        this.settings = settings;
        this.decider = decider;
        this.state = state;
        this.sources = sources;
        this.watches = watches;
        this.updates = updates;
        this.burnRefresh = burnRefresh;
    }

    /** The punctuation. */
    void tick(long wallNow) {
        Instant at = Instant.ofEpochMilli(wallNow);
        releaseAtEnrichmentDeadline(wallNow, at);
        if (wallNow >= nextBurnRefresh) {
            nextBurnRefresh = wallNow + burnRefresh.toMillis();
            refreshBurn(at);
        }
        recoverAutomatically(wallNow, at);
        pickUpPostmortems(at);
        escalateUnacceptedTriggers(wallNow, at);
    }

    /**
     * Issue 17: a page (or another first notification) its receiver has not accepted within {@code paging.pendingTimeout}
     * is escalated through the receivers that work. The watch only says when to look; the triggers' own times decide.
     */
    private void escalateUnacceptedTriggers(long wallNow, Instant at) {
        for (KeyValue<String, Long> due : watches.awaitingAcceptance()) {
            Optional<Incident> incident = state.find(due.key);
            if (incident.isEmpty()) {
                watches.recheckAcceptance(due.key, OptionalLong.empty());
            } else if (due.value <= wallNow) {
                Optional<Decision> escalated = decider.escalate(incident.get(), at);
                if (escalated.isPresent()) {
                    updates.apply(escalated.get());
                } else {
                    // a trigger decided later than the watch's first one, not due yet: look again a little later
                    watches.recheckAcceptance(due.key, OptionalLong.of(wallNow + RECHECK.toMillis()));
                }
            }
        }
    }

    /**
     * The first notifications of incidents whose enrichment wait is over go out with what enrichment is in; incidents a
     * maintenance window held are routed when it ends (the watch then holds its end, see {@link Watches#sync}).
     */
    private void releaseAtEnrichmentDeadline(long wallNow, Instant at) {
        for (KeyValue<String, Long> due : watches.enrichmentDeadlines()) {
            Optional<Incident> incident = state.find(due.key);
            if (incident.isEmpty() || IncidentDecider.released(incident.get()) && incident.get().getMaintenance() == null) {
                watches.stopAwaitingEnrichment(due.key);
            } else if (due.value <= wallNow) {
                updates.releaseAtDeadline(incident.get(), at);
            }
        }
    }

    /**
     * The burn table (a global store) changes without any record reaching the processor, so open incidents
     * would show the burn of their last change. Every burn refresh the open incidents whose burn moved
     * meaningfully (see {@link io.firebreak.streams.enrich.BurnChange}) get a new version; burn data for an
     * incident that had none, or a changed alert level, is also an UPDATE to the notified receivers (never a
     * page: TRIGGERs only go to receivers not notified yet).
     */
    private void refreshBurn(Instant at) {
        if (sources.burnRates().isEmpty()) {
            return;
        }
        for (Incident incident : state.all()) {
            if (StageMachine.active(incident) && decider.enricher().burnChanged(incident)) {
                LOG.info("event=burn_refreshed incident={}", incident.getId());
                updates.update(Records.copy(incident), Notice.NONE, Optional.empty(), at);
            }
        }
    }

    /** DESIGN §5: every signal resolved and the short-window burn under threshold for {@code stableFor}: RECOVERED. */
    private void recoverAutomatically(long wallNow, Instant at) {
        for (KeyValue<String, Long> since : watches.recoveringSince()) {
            Optional<Incident> incident = state.find(since.key);
            // an incident that never met its route's paging threshold was never an alert: the retention sweep drops it
            if (incident.isEmpty() || !StageMachine.active(incident.get()) || !SignalTally.allResolved(incident.get())
                    || incident.get().getStage() == Stage.SIGNAL_DETECTED) {
                watches.stopWatchingRecovery(since.key);
                continue;
            }
            Incident working = Records.copy(incident.get());
            if (!Burn.underThreshold(Burn.snapshots(working, sources.burnRates()))) {
                watches.restartRecovery(since.key, wallNow);
                continue;
            }
            if (wallNow - since.value >= settings.stableFor().toMillis()) {
                LOG.info("event=incident_recovered incident={} cause=auto", working.getId());
                updates.apply(decider.recovered(incident.get(), at));
            }
        }
    }

    /** A published postmortem (global store, key incident id) moves its recovered incident to POSTMORTEM_PUBLISHED. */
    private void pickUpPostmortems(Instant at) {
        for (KeyValue<String, Long> waiting : watches.awaitingPostmortem()) {
            Optional<Incident> incident = state.find(waiting.key);
            Optional<Postmortem> postmortem = sources.postmortem(waiting.key);
            if (incident.isEmpty() || incident.get().getStage() != Stage.RECOVERED) {
                watches.stopAwaitingPostmortem(waiting.key);
            } else if (postmortem.isPresent()) {
                updates.apply(decider.postmortemPublished(incident.get(), postmortem.get(), at));
            }
        }
    }
}

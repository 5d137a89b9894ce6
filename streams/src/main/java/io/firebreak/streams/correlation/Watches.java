package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Stage;
import io.firebreak.events.TriggerDelivery;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.state.StoreScans;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The wall-clock watch lists, incident id → wall-clock millis: the enrichment deadline of incidents whose first
 * notifications have not gone out ({@code pending}; for an incident a maintenance window holds, the window's end),
 * since when an open incident has had every signal resolved ({@code recovery}), since when a recovered incident waits
 * for its postmortem ({@code awaitingPostmortem}), when an incident's first notifications not yet accepted by their
 * receivers are due for escalation ({@code awaitingAcceptance}).
 * They hold only ids and times, so the wall-clock tick scans a few entries, not every incident.
 */
final class Watches {

    private final KeyValueStore<String, Long> pending;
    private final KeyValueStore<String, Long> recovery;
    private final KeyValueStore<String, Long> awaitingPostmortem;
    private final KeyValueStore<String, Long> awaitingAcceptance;
    private final Duration pendingTimeout;

    Watches(KeyValueStore<String, Long> pending, KeyValueStore<String, Long> recovery, KeyValueStore<String, Long> awaitingPostmortem,
            KeyValueStore<String, Long> awaitingAcceptance, Duration pendingTimeout) {
        this.pending = pending;
        this.recovery = recovery;
        this.awaitingPostmortem = awaitingPostmortem;
        this.awaitingAcceptance = awaitingAcceptance;
        this.pendingTimeout = pendingTimeout;
    }

    void awaitEnrichment(String incidentId, long deadline) {
        pending.put(incidentId, deadline);
    }

    void stopAwaitingEnrichment(String incidentId) {
        pending.delete(incidentId);
    }

    List<KeyValue<String, Long>> enrichmentDeadlines() {
        return StoreScans.entries(pending);
    }

    List<KeyValue<String, Long>> recoveringSince() {
        return StoreScans.entries(recovery);
    }

    /** Still burning: the stable period starts again at {@code wallNow}. */
    void restartRecovery(String incidentId, long wallNow) {
        recovery.put(incidentId, wallNow);
    }

    void stopWatchingRecovery(String incidentId) {
        recovery.delete(incidentId);
    }

    List<KeyValue<String, Long>> awaitingPostmortem() {
        return StoreScans.entries(awaitingPostmortem);
    }

    void stopAwaitingPostmortem(String incidentId) {
        awaitingPostmortem.delete(incidentId);
    }

    List<KeyValue<String, Long>> awaitingAcceptance() {
        return StoreScans.entries(awaitingAcceptance);
    }

    /** When to look at the incident's unaccepted first notifications again; empty: never (it left the state). */
    void recheckAcceptance(String incidentId, OptionalLong due) {
        if (due.isPresent()) {
            awaitingAcceptance.put(incidentId, due.getAsLong());
        } else {
            awaitingAcceptance.delete(incidentId);
        }
    }

    /** Keeps the recovery, postmortem and acceptance watches in step with the incident's state after a change. */
    void sync(Incident incident, long wallNow) {
        String id = incident.getId();
        // deletes only what is there: a delete is a changelog record, and this runs for every signal of a storm
        boolean waitingForRecovery = StageMachine.active(incident) && SignalTally.allResolved(incident);
        Long recovering = recovery.get(id);
        if (!waitingForRecovery && recovering != null) {
            recovery.delete(id);
        } else if (waitingForRecovery && recovering == null) {
            recovery.put(id, wallNow);
        }
        if (incident.getMaintenance() != null) {
            // a held incident is looked at again when its window ends, released or not
            long until = incident.getMaintenance().getUntil().toEpochMilli();
            Long due = pending.get(id);
            if (due == null || due != until) {
                pending.put(id, until);
            }
        }
        if (incident.getStage() == Stage.RECOVERED) {
            awaitingPostmortem.put(id, wallNow);
        } else if (awaitingPostmortem.get(id) != null) {
            awaitingPostmortem.delete(id);
        }
        syncAcceptance(incident, wallNow);
    }

    /** Due at once when a trigger was given up on, else {@code pendingTimeout} after the first unescalated pending one was seen. */
    private void syncAcceptance(Incident incident, long wallNow) {
        String id = incident.getId();
        // a loop, not a stream: this runs for every signal of a storm, long after its pages were accepted
        boolean waiting = false;
        boolean gaveUp = false;
        for (TriggerDelivery trigger : incident.getTriggers()) {
            if (trigger.getAcceptedAt() == null && trigger.getEscalatedAt() == null) {
                waiting = true;
                gaveUp = gaveUp || trigger.getGaveUpAt() != null;
            }
        }
        Long due = awaitingAcceptance.get(id);
        if (!waiting || !StageMachine.active(incident)) {
            if (due != null) {
                awaitingAcceptance.delete(id);
            }
        } else if (gaveUp) {
            if (due == null || due > wallNow) {
                awaitingAcceptance.put(id, wallNow);
            }
        } else if (due == null) {
            awaitingAcceptance.put(id, wallNow + pendingTimeout.toMillis());
        }
    }

    /** The incident left the state: no watch may fire for it. */
    void forget(String incidentId) {
        pending.delete(incidentId);
        recovery.delete(incidentId);
        awaitingPostmortem.delete(incidentId);
        awaitingAcceptance.delete(incidentId);
    }
}

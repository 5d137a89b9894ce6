package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.streams.lifecycle.Notice;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Carries out the {@link IncidentDecider}'s decisions, the one path every incident change takes: the signal's full
 * state onto the incident-signals topic (its state in the incident is kept by its dedup entry, see
 * {@link IncidentInput.SignalInput}), the new version into the incidents store, the wall-clock watches in
 * step, then the version and its notifications downstream — at once when the decision is urgent or the incident was
 * quiet for the update interval, else held and published with the latest state when the interval is over
 * ({@link UpdateThrottle}).
 */
record IncidentUpdates(IncidentDecider decider, IncidentState state, Watches watches, IncidentOutput output,
                       UpdateThrottle throttle, LongSupplier wallClock) {

    /** Applies a change made to {@code working} (a copy of the stored incident, or a new one). */
    void update(Incident working, Notice notice, Optional<String> runbook, Instant at) {
        apply(decider.change(working, notice, runbook, at));
    }

    /** The enrichment deadline passed: the first notifications go out with whatever enrichment is in. */
    void releaseAtDeadline(Incident incident, Instant at) {
        apply(decider.releaseAtDeadline(incident, at));
    }

    /** Publishes the latest state of an incident whose changes were held, with the UPDATEs its receivers are owed. */
    void publishHeld(UpdateThrottle.Held held, Instant at) {
        Optional<Incident> incident = state.find(held.incidentId());
        if (incident.isEmpty()) {
            throttle.forget(held.incidentId());
            return;
        }
        apply(decider.publishHeld(incident.get(), held.owed(), at));
    }

    /** Whether a routine change of the incident would be held now (it was published within the update interval). */
    boolean holding(String incidentId) {
        return !throttle.mayPublish(incidentId, wallClock.getAsLong());
    }

    void apply(Decision decision) {
        Incident incident = decision.incident();
        long wallNow = wallClock.getAsLong();
        long timestamp = incident.getUpdatedAt().toEpochMilli();
        decision.signal().ifPresent(signal -> output.signal(incident.getId(), signal, timestamp));
        if (decision.released()) {
            watches.stopAwaitingEnrichment(incident.getId());
        }
        state.put(incident);
        watches.sync(incident, wallNow);
        if (decision.urgent() || throttle.mayPublish(incident.getId(), wallNow)) {
            throttle.published(incident.getId(), wallNow);
            output.incident(incident, timestamp);
            output.notifications(incident, decision.notifications(), timestamp);
        } else {
            // a routine change inside the update interval: kept, and published with the latest state when it is over
            throttle.hold(incident.getId(), wallNow, decision.owed());
        }
    }
}

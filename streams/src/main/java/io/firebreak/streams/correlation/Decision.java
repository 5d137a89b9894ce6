package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.SignalRef;
import io.firebreak.streams.lifecycle.Notice;
import java.util.List;
import java.util.Optional;

/**
 * What one input does to one incident, decided without Kafka ({@link IncidentDecider}); the processor carries it out
 * ({@link IncidentUpdates#apply}).
 *
 * @param incident      the incident's next version
 * @param notifications what the receivers hear now
 * @param urgent        a page, an acknowledgement, a resolve or the first notifications: published at once, never
 *                      held by the update interval
 * @param owed          what the notified receivers are owed when a routine change is held and published later
 * @param released      the first notifications went out with this decision: the enrichment deadline is over
 * @param signal        the state of the signal this decision took in, for the full signal list (signal inputs only)
 */
record Decision(Incident incident, List<Notification> notifications, boolean urgent, Notice owed, boolean released,
                Optional<SignalRef> signal) {

    Decision {
        notifications = List.copyOf(notifications);
    }

    Decision withSignal(SignalRef taken) {
        return new Decision(incident, notifications, urgent, owed, released, Optional.of(taken));
    }
}

package io.firebreak.ingest.resources;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.IncidentLookup;
import io.firebreak.ingest.api.CommandAccepted;
import io.firebreak.ingest.callbacks.CallbackOutcome;
import io.firebreak.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Writes a callback's command (keyed by the incident's cluster) or notes why it was ignored; the answer body either way.
 * A verified callback for an incident the read model does not know is answered 2xx and writes nothing: a signed but
 * stale or misdirected event (another firebreak's incident, one long gone) must not fill the actions topic, and
 * PagerDuty and Slack must not retry it. The read model may trail the page by a moment, so it is asked once more
 * before giving up; without a read model (an ingest-only instance) every command is written, as the topology rejects
 * unknown incidents itself. An event dated before its incident opened is ignored the same way (a replay).
 */
final class CallbackAnswers {

    /** How long a fresh incident may take to reach this instance's read model after its page went out. */
    static final Duration READ_MODEL_LAG = Duration.ofMillis(500);
    /**
     * A signed event about an incident is dated after the incident opened; one dated earlier (beyond this much clock
     * difference between PagerDuty and firebreak) is a captured event replayed against it, and is ignored.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private CallbackAnswers() {
    }

    static CommandAccepted apply(CallbackOutcome outcome, IncidentLookup incidents, Intake intake, Logger log, String origin) {
        if (outcome.command().isEmpty()) {
            return ignored(outcome.ignoredBecause(), intake, log, origin);
        }
        LifecycleCommand command = outcome.command().get();
        if (!known(incidents, command.getIncidentId())) {
            return ignored("unknown incident " + command.getIncidentId(), intake, log, origin);
        }
        Optional<Instant> opened = openedAt(incidents, command.getIncidentId());
        if (opened.isPresent() && command.getAt().isBefore(opened.get().minus(CLOCK_SKEW))) {
            return ignored("event dated " + command.getAt() + ", before incident " + command.getIncidentId() + " opened at " + opened.get()
                    + ": a replayed or misdirected event", intake, log, origin);
        }
        intake.write(List.of(new EventRecord<>(Topics.ACTIONS, command.getCluster(), command)));
        log.info("event=lifecycle_command origin={} incident={} action={} actor=\"{}\" commandId={}", origin, command.getIncidentId(),
                command.getAction(), command.getActor().replace("\"", "'"), command.getId());
        return CommandAccepted.written(command.getId(), command.getIncidentId(), command.getAction().name());
    }

    private static CommandAccepted ignored(String reason, Intake intake, Logger log, String origin) {
        intake.metrics().ignored();
        log.info("event=callback_ignored origin={} reason=\"{}\"", origin, reason.replace("\"", "'"));
        return CommandAccepted.ignored(reason);
    }

    /** When the read model says the incident opened; empty without a read model or when it cannot tell. */
    private static Optional<Instant> openedAt(IncidentLookup incidents, String incidentId) {
        try {
            return incidents.find(incidentId).map(Incident::getOpenedAt);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True unless a read model exists and, asked twice, does not know the incident; a failed lookup counts as known. */
    private static boolean known(IncidentLookup incidents, String incidentId) {
        if (incidents == IncidentLookup.NONE) {
            return true;
        }
        try {
            if (incidents.find(incidentId).isPresent()) {
                return true;
            }
            Thread.sleep(READ_MODEL_LAG.toMillis());
            return incidents.find(incidentId).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (RuntimeException e) {
            // an unreadable read model must not cost a real acknowledgement: the topology has the last word
            return true;
        }
    }
}

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
 * PagerDuty and Slack must not retry it. The read model may trail the page by a moment, so an incident it does not know
 * yet is looked up again until it appears or {@link #READ_MODEL_LAG} has passed; without a read model (an ingest-only
 * instance) every command is written, as the topology rejects unknown incidents itself. An event dated before its
 * incident opened is ignored the same way (a replay).
 */
final class CallbackAnswers {

    /** How long a fresh incident may take to reach this instance's read model after its page went out. */
    static final Duration READ_MODEL_LAG = Duration.ofMillis(500);
    /** Between two lookups of an incident the read model does not know yet: a lookup is a map read, the wait is the cost. */
    private static final Duration LOOKUP_INTERVAL = Duration.ofMillis(20);
    /**
     * A signed event about an incident is dated after the incident opened; one dated earlier (beyond this much clock
     * difference between PagerDuty and firebreak) is a captured event replayed against it, and is ignored.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private CallbackAnswers() {
    }

    static CommandAccepted apply(CallbackOutcome outcome, IncidentLookup incidents, Intake intake, Logger log, String origin) {
        return apply(outcome, incidents, READ_MODEL_LAG, intake, log, origin);
    }

    /** With the longest wait for an incident the read model does not know yet ({@code readModelLag}). */
    static CommandAccepted apply(CallbackOutcome outcome, IncidentLookup incidents, Duration readModelLag, Intake intake, Logger log,
                                 String origin) {
        if (outcome.command().isEmpty()) {
            return ignored(outcome.ignoredBecause(), intake, log, origin);
        }
        LifecycleCommand command = outcome.command().get();
        ReadModelAnswer answer = ask(incidents, command.getIncidentId(), readModelLag);
        if (!answer.known()) {
            return ignored("unknown incident " + command.getIncidentId(), intake, log, origin);
        }
        Optional<Instant> opened = answer.openedAt();
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

    /**
     * What the read model says about the incident: known, with when it opened when it can tell. Known without a read
     * model or when the lookup fails: an unreadable read model must not cost a real acknowledgement, the topology has the
     * last word.
     */
    private record ReadModelAnswer(boolean known, Optional<Instant> openedAt) {

        static final ReadModelAnswer UNKNOWN = new ReadModelAnswer(false, Optional.empty());
        static final ReadModelAnswer CANNOT_TELL = new ReadModelAnswer(true, Optional.empty());
    }

    /** One lookup when the read model knows the incident; else more until it does or {@code readModelLag} has passed. */
    private static ReadModelAnswer ask(IncidentLookup incidents, String incidentId, Duration readModelLag) {
        if (incidents == IncidentLookup.NONE) {
            return ReadModelAnswer.CANNOT_TELL;
        }
        long deadline = System.nanoTime() + readModelLag.toNanos();
        try {
            while (true) {
                Optional<Incident> incident = incidents.find(incidentId);
                if (incident.isPresent()) {
                    return new ReadModelAnswer(true, Optional.ofNullable(incident.get().getOpenedAt()));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return ReadModelAnswer.UNKNOWN;
                }
                Thread.sleep(Math.max(1, Math.min(LOOKUP_INTERVAL.toMillis(), Duration.ofNanos(left).toMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReadModelAnswer.CANNOT_TELL;
        } catch (RuntimeException e) {
            return ReadModelAnswer.CANNOT_TELL;
        }
    }
}

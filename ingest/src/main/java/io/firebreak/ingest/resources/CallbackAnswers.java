package io.firebreak.ingest.resources;

import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.api.CommandAccepted;
import io.firebreak.ingest.callbacks.CallbackOutcome;
import io.firebreak.schemas.Topics;
import java.util.List;
import org.slf4j.Logger;

/** Writes a callback's command (keyed by the incident's cluster) or notes why it was ignored; the answer body either way. */
final class CallbackAnswers {

    private CallbackAnswers() {
    }

    static CommandAccepted apply(CallbackOutcome outcome, Intake intake, Logger log, String origin) {
        if (outcome.command().isEmpty()) {
            intake.metrics().ignored();
            log.info("event=callback_ignored origin={} reason=\"{}\"", origin, outcome.ignoredBecause().replace("\"", "'"));
            return CommandAccepted.ignored(outcome.ignoredBecause());
        }
        LifecycleCommand command = outcome.command().get();
        intake.write(List.of(new EventRecord<>(Topics.ACTIONS, command.getCluster(), command)));
        log.info("event=lifecycle_command origin={} incident={} action={} actor=\"{}\" commandId={}", origin, command.getIncidentId(),
                command.getAction(), command.getActor().replace("\"", "'"), command.getId());
        return CommandAccepted.written(command.getId(), command.getIncidentId(), command.getAction().name());
    }
}

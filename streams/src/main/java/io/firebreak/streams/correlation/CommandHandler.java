package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.streams.lifecycle.Commands;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's (and automation's) lifecycle commands: ack, mitigate, confirm recovery, resolve, note, action item.
 * The rules, rejections and idempotency by command id are {@link Commands}'; a repeat of an applied command
 * changes nothing, a rejection is a new version (its timeline records why).
 */
final class CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final IncidentState state;
    private final IncidentUpdates updates;

    CommandHandler(IncidentState state, IncidentUpdates updates) {
        this.state = state;
        this.updates = updates;
    }

    void onCommand(LifecycleCommand command, long timestamp) {
        Optional<Incident> incident = state.find(command.getIncidentId());
        if (incident.isEmpty()) {
            LOG.warn("event=command_rejected reason=unknown_incident incident={} action={} command={} actor={}",
                    command.getIncidentId(), command.getAction(), command.getId(), command.getActor());
            return;
        }
        Instant at = Instant.ofEpochMilli(timestamp);
        Incident working = Records.copy(incident.get());
        Commands.Result result = Commands.apply(working, command, at);
        LOG.info("event=command incident={} action={} command={} outcome={} reason={}",
                working.getId(), command.getAction(), command.getId(), result.outcome(), result.reason());
        if (result.outcome() != Commands.Outcome.DUPLICATE) {
            updates.update(working, result.notice(), Optional.empty(), at);
        }
    }
}

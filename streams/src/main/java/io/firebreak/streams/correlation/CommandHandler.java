package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.streams.lifecycle.Commands;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's (and automation's) lifecycle commands: ack, mitigate, confirm recovery, resolve, note, action item.
 * The rules, rejections and idempotency by command id are {@link Commands}'; a repeat of an applied command
 * changes nothing, a rejection is a new version (its timeline records why).
 */
record CommandHandler(IncidentState state, IncidentDecider decider, IncidentUpdates updates) {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    void onCommand(LifecycleCommand command, long timestamp) {
        Optional<Incident> incident = state.find(command.getIncidentId());
        if (incident.isEmpty()) {
            LOG.warn("event=command_rejected reason=unknown_incident incident={} action={} command={} actor={}",
                    command.getIncidentId(), command.getAction(), command.getId(), command.getActor());
            return;
        }
        decider.command(incident.get(), command, Instant.ofEpochMilli(timestamp)).ifPresent(updates::apply);
    }
}

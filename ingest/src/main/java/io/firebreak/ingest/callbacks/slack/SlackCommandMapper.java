package io.firebreak.ingest.callbacks.slack;

import static io.firebreak.ingest.core.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.callbacks.CallbackOutcome;
import io.firebreak.ingest.core.EventIds;
import io.firebreak.ingest.core.InvalidPayloadException;
import io.firebreak.ingest.core.Text;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A verified Slack {@code block_actions} interaction (a button click on an incident card) → {@link LifecycleCommand}.
 * The button's {@code action_id} names the action ({@code incident_ack}, {@code incident_mitigate},
 * {@code incident_confirm_recovery}, {@code incident_resolve}; the {@code incident_} prefix is optional) and its
 * {@code value} is the incident id.
 */
public final class SlackCommandMapper {

    private static final Map<String, LifecycleAction> ACTIONS = Map.of(
            "ack", LifecycleAction.ACK, "acknowledge", LifecycleAction.ACK,
            "mitigate", LifecycleAction.MITIGATE,
            "confirm_recovery", LifecycleAction.CONFIRM_RECOVERY,
            "resolve", LifecycleAction.RESOLVE);

    private final Clock clock;

    public SlackCommandMapper(Clock clock) {
        this.clock = clock;
    }

    /** @throws InvalidPayloadException when the payload is not a Slack interaction at all */
    public CallbackOutcome map(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException("invalid_payload", "payload must be a JSON object");
        }
        String type = text(payload, "type").orElseThrow(() -> new InvalidPayloadException("invalid_payload", "payload.type is required"));
        if (!"block_actions".equals(type)) {
            return CallbackOutcome.ignored("interaction type " + Text.abbreviate(type, 40) + " carries no incident action");
        }
        JsonNode actions = payload.get("actions");
        if (actions == null || !actions.isArray() || actions.isEmpty() || !actions.get(0).isObject()) {
            throw new InvalidPayloadException("invalid_payload", "block_actions needs a non-empty actions array");
        }
        JsonNode clicked = actions.get(0); // a button click carries exactly one action
        String actionId = text(clicked, "action_id").orElse("");
        LifecycleAction action = ACTIONS.get(normalize(actionId));
        if (action == null) {
            return CallbackOutcome.ignored("action_id " + Text.abbreviate(actionId, 60) + " is not an incident action");
        }
        Optional<String> incidentId = text(clicked, "value");
        Optional<String> cluster = incidentId.flatMap(IncidentIds::clusterOf);
        if (cluster.isEmpty()) {
            return CallbackOutcome.ignored("button value '" + Text.abbreviate(incidentId.orElse(""), 80) + "' is not a firebreak incident id");
        }
        String userId = text(payload, "user", "id").orElse("");
        String actor = text(payload, "user", "username").or(() -> text(payload, "user", "name")).orElse(userId.isEmpty() ? "slack" : userId);
        return CallbackOutcome.command(LifecycleCommand.newBuilder()
                // The contract's idempotency key: the same click delivered twice is one command.
                .setId(EventIds.of("slack", text(payload, "container", "message_ts").orElse(""), actionId, userId,
                        text(clicked, "action_ts").orElse(""), incidentId.get()))
                .setIncidentId(incidentId.get())
                .setCluster(cluster.get())
                .setAction(action)
                .setActor(Text.abbreviate(actor, 200))
                .setOrigin("slack")
                .setAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build());
    }

    private static String normalize(String actionId) {
        String id = actionId.toLowerCase(Locale.ROOT).replace('-', '_');
        for (String prefix : new String[] {"incident_", "firebreak_"}) {
            if (id.startsWith(prefix)) {
                return id.substring(prefix.length());
            }
        }
        return id;
    }
}

package io.firebreak.ingest.core;

import io.firebreak.core.command.CommandFacts;
import io.firebreak.core.command.CommandKind;
import io.firebreak.core.command.CommandRules;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.api.ActionRequest;
import io.firebreak.schemas.CoreTypes;
import io.firebreak.schemas.IncidentLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An action body of the incidents API → {@link LifecycleCommand}; validates what the action needs: the text the
 * command rules ask for ({@link CommandRules#incomplete}), and what a person filing through the API must also give
 * (an action item's owner, a valid due date, sizes that fit the incident record).
 */
public final class ActionCommandMapper {

    static final int MAX_ACTOR_CHARS = 200;

    private final Clock clock;

    public ActionCommandMapper(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param commandId the command's id (an idempotency key derived by the caller)
     * @param tokenName the name of the bearer token that sent the action: the recorded actor, whatever the body claims
     * @throws InvalidPayloadException when the body misses what its action needs
     */
    public LifecycleCommand map(String incidentId, String cluster, ActionRequest request, String commandId, String tokenName) {
        if (request == null) {
            throw new InvalidPayloadException("invalid_payload", "body must be a JSON object");
        }
        LifecycleAction action = action(request.action());
        String note = Text.trimmed(request.note());
        String owner = Text.trimmed(request.owner());
        String due = Text.trimmed(request.due());
        CommandRules.incomplete(CommandFacts.of(CoreTypes.kind(action), note)).ifPresent(reason -> {
            throw new InvalidPayloadException("invalid_payload", reason);
        });
        int maxBytes = action == LifecycleAction.ACTION_ITEM ? IncidentLimits.ACTION_ITEM_BYTES : IncidentLimits.NOTE_BYTES;
        if (note != null && note.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            // the incident keeps a note of at most this size: refuse a longer one rather than cut it unseen
            throw new InvalidPayloadException(413, "note_too_large", (action == LifecycleAction.ACTION_ITEM ? "an action item's description"
                    : "a note") + " may be at most " + maxBytes + " bytes (UTF-8), got " + note.getBytes(StandardCharsets.UTF_8).length);
        }
        // the command rules take an action item without an owner (the topology keeps one); a person filing one here must
        // name who does it (DESIGN §10: action items with owners)
        if (action == LifecycleAction.ACTION_ITEM && owner == null) {
            throw new InvalidPayloadException("invalid_payload", "owner is required for an action-item");
        }
        if (due != null) {
            if (action != LifecycleAction.ACTION_ITEM) {
                throw new InvalidPayloadException("invalid_payload", "due only applies to an action-item");
            }
            try {
                LocalDate.parse(due);
            } catch (DateTimeParseException e) {
                throw new InvalidPayloadException("invalid_payload", "due must be an ISO-8601 date (yyyy-MM-dd), got '"
                        + Text.abbreviate(due, 40) + "'");
            }
        }
        String claimed = Text.trimmed(request.actor());
        if (claimed != null && claimed.length() > MAX_ACTOR_CHARS) {
            throw new InvalidPayloadException("invalid_payload", "actor is longer than " + MAX_ACTOR_CHARS + " characters");
        }
        String actor = actor(tokenName, claimed);
        return LifecycleCommand.newBuilder()
                .setId(commandId)
                .setIncidentId(incidentId)
                .setCluster(cluster)
                .setAction(action)
                .setActor(actor)
                .setOrigin("api")
                .setNote(note)
                .setOwner(action == LifecycleAction.ACTION_ITEM ? owner : null)
                .setDue(due)
                .setAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /**
     * Who acted is the token that authenticated the request; the body's {@code actor} is only what its sender says, so it
     * is kept, marked as a claim: "ci-bot (claims: alice)".
     */
    static String actor(String tokenName, String claimed) {
        return claimed == null || claimed.equals(tokenName) ? tokenName : tokenName + " (claims: " + claimed + ")";
    }

    private static LifecycleAction action(String text) {
        String name = Text.trimmed(text);
        if (name == null) {
            throw new InvalidPayloadException("invalid_payload", "action is required: " + CommandKind.expected());
        }
        return CommandKind.fromLabel(name).map(CoreTypes::action).orElseThrow(() -> new InvalidPayloadException("unknown_action",
                "action must be " + CommandKind.expected() + ", got '" + Text.abbreviate(name, 40) + "'"));
    }
}

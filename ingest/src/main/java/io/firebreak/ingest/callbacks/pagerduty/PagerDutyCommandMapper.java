package io.firebreak.ingest.callbacks.pagerduty;

import static io.firebreak.ingest.core.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.callbacks.CallbackOutcome;
import io.firebreak.ingest.core.EventIds;
import io.firebreak.ingest.core.InvalidPayloadException;
import io.firebreak.ingest.core.Text;
import io.firebreak.ingest.core.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A verified PagerDuty v3 webhook → {@link LifecycleCommand}. The PagerDuty incident's {@code incident_key} is the
 * Events API dedup key, which the notifier sets to our incident id: that is the join (DESIGN §9). Events that do
 * not map (other types, incidents not created by firebreak) are ignored, not refused.
 */
public final class PagerDutyCommandMapper {

    private static final Map<String, LifecycleAction> ACTIONS = Map.of(
            "incident.acknowledged", LifecycleAction.ACK,
            "incident.resolved", LifecycleAction.RESOLVE,
            "incident.annotated", LifecycleAction.NOTE);

    private final Clock clock;

    public PagerDutyCommandMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param webhookId {@code X-Webhook-Id}, the same on every retry, but not signed: the command id comes from the signed
     *                  {@code event.id}, so a captured body replayed under another webhook id is the same command; only
     *                  an event without an id falls back to the webhook id and its time
     * @throws InvalidPayloadException when the body is not a PagerDuty v3 webhook at all
     */
    public CallbackOutcome map(JsonNode body, String webhookId) {
        JsonNode event = body == null ? null : body.get("event");
        if (event == null || !event.isObject()) {
            throw new InvalidPayloadException("invalid_payload", "body must be a PagerDuty v3 webhook {\"event\": {...}}");
        }
        String type = text(event, "event_type").orElseThrow(
                () -> new InvalidPayloadException("invalid_payload", "event.event_type is required"));
        LifecycleAction action = ACTIONS.get(type);
        if (action == null) {
            return CallbackOutcome.ignored("event type " + Text.abbreviate(type, 60) + " does not change a firebreak incident");
        }
        JsonNode data = event.get("data");
        // An annotation's data is the note, pointing to its incident; an incident event's data is the incident.
        Optional<String> incidentKey = text(data, "incident_key").or(() -> text(data, "incident", "incident_key"));
        if (incidentKey.isEmpty()) {
            return CallbackOutcome.ignored(type + " carries no incident_key to find the firebreak incident by");
        }
        Optional<String> cluster = IncidentIds.clusterOf(incidentKey.get());
        if (cluster.isEmpty()) {
            return CallbackOutcome.ignored("incident_key '" + Text.abbreviate(incidentKey.get(), 80) + "' is not a firebreak incident id");
        }
        Instant at = occurredAt(event);
        String eventId = text(event, "id").orElse("");
        String note = action == LifecycleAction.NOTE
                ? text(data, "content").orElse(null)
                : text(data, "resolve_reason", "incident", "summary").orElse(null);
        if (action == LifecycleAction.NOTE && note == null) {
            return CallbackOutcome.ignored("incident.annotated without note content");
        }
        return CallbackOutcome.command(LifecycleCommand.newBuilder()
                .setId(eventId.isEmpty()
                        ? EventIds.of("pagerduty", webhookId, type, incidentKey.get(), at.toString())
                        : EventIds.of("pagerduty", eventId, type, incidentKey.get()))
                .setIncidentId(incidentKey.get())
                .setCluster(cluster.get())
                .setAction(action)
                .setActor(text(event, "agent", "summary").or(() -> text(event, "agent", "id")).orElse("pagerduty"))
                .setOrigin("pagerduty")
                .setNote(note)
                .setAt(at)
                .build());
    }

    /** When PagerDuty says it happened: never later than now (a clock ahead cannot date an ack into the future). */
    private Instant occurredAt(JsonNode event) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            Instant said = Timestamps.parse("event.occurred_at", text(event, "occurred_at").orElse(null)).orElse(now);
            return said.isAfter(now) ? now : said;
        } catch (InvalidPayloadException e) {
            return now; // when PagerDuty says it happened matters less than not losing the acknowledgement
        }
    }
}

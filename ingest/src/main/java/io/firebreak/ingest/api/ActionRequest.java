package io.firebreak.ingest.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of {@code POST /v1/incidents/{id}/actions} (DESIGN §4):
 * <pre>{@code
 * {"action": "ack",            ack | mitigate | confirm-recovery | resolve | note | action-item (required)
 *  "actor": "dana.keller",     who; default "unknown"
 *  "note": "rolled back",      required for note and action-item (its description)
 *  "owner": "jane",            required for action-item
 *  "due": "2026-12-05"}        action-item only, ISO-8601 date
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActionRequest(String action, String actor, String note, String owner, String due) {
}

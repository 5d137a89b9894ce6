package io.firebreak.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a lifecycle command (actions API, PagerDuty and Slack callbacks): the id of the command written,
 * or, for a callback that carries nothing firebreak acts on, why it was ignored (still a 2xx, so the sender does
 * not retry it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandAccepted(String commandId, String incidentId, String action, String ignored) {

    public static CommandAccepted written(String commandId, String incidentId, String action) {
        return new CommandAccepted(commandId, incidentId, action, null);
    }

    public static CommandAccepted ignored(String reason) {
        return new CommandAccepted(null, null, null, reason);
    }
}

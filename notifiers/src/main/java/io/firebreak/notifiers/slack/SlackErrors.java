package io.firebreak.notifiers.slack;

import java.util.Set;

/**
 * Which Slack {@code "ok":false} errors are worth retrying (contracts/slack.md, "Retry policy"). Anything else is
 * permanent: an unknown error code goes to the DLQ with its name rather than being retried for an hour, because
 * Slack uses new codes mostly for configuration problems (scopes, archived channels) that a retry cannot fix.
 */
public final class SlackErrors {

    /** Slack's own transient failures; {@code rate_limited} is the spelling chat.postMessage documents. */
    public static final Set<String> RETRYABLE = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    /** Named in the contract as never-retry; listed so tests and the README can show them. */
    public static final Set<String> PERMANENT = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
            "token_expired", "missing_scope", "channel_not_found", "not_in_channel", "is_archived", "invalid_blocks",
            "invalid_arguments", "msg_too_long", "no_text", "message_not_found", "cant_update_message", "edit_window_closed");

    private SlackErrors() {
    }

    public static boolean retryable(String error) {
        return RETRYABLE.contains(error);
    }
}

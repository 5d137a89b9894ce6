package io.firebreak.notifiers.slack;

import io.firebreak.notifiers.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Slack receiver ({@code slack} or {@code slack-war-room}).
 *
 * @param apiUrl  the Web API base, {@code https://slack.com/api} (overridable so tests point it at a recording server)
 * @param token   the bot token ({@code xoxb-…}), a secret; empty or blank means "not configured": log receiver
 * @param channel where the {@code slack} receiver posts (ID {@code C…} preferred, or {@code #name}); unused by the war room
 * @param invite  user IDs ({@code U…}) the war room invites into each new incident channel; unused by {@code slack}
 * @param timeout connect + request timeout of one Web API call
 */
public record SlackSettings(URI apiUrl, Optional<String> token, String channel, List<String> invite, Duration timeout) {

    public static final URI DEFAULT_API_URL = URI.create("https://slack.com/api");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SlackSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(timeout, "timeout");
        token = Objects.requireNonNull(token, "token").map(String::trim).filter(t -> !t.isEmpty());
        channel = channel == null ? "" : channel.trim();
        invite = invite == null ? List.of() : invite.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("Slack timeout must be positive, was " + timeout);
        }
    }

    /** The {@code slack} receiver: posts to one channel. */
    public static SlackSettings channel(Optional<String> token, String channel) {
        return new SlackSettings(DEFAULT_API_URL, token, channel, List.of(), DEFAULT_TIMEOUT);
    }

    /** The {@code slack-war-room} receiver: a channel per CRITICAL incident, with these users invited. */
    public static SlackSettings warRoom(Optional<String> token, List<String> invite) {
        return new SlackSettings(DEFAULT_API_URL, token, "", invite, DEFAULT_TIMEOUT);
    }

    /** Never prints the token, only its last 4 characters. */
    @Override
    public String toString() {
        return "SlackSettings[apiUrl=" + apiUrl + ", token=" + token.map(Secrets::mask).orElse("<none>") + ", channel="
                + channel + ", invite=" + invite + ", timeout=" + timeout + "]";
    }
}

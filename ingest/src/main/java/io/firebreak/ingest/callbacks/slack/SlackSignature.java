package io.firebreak.ingest.callbacks.slack;

import io.firebreak.ingest.callbacks.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Slack request signing v0 (contracts/slack.md): {@code X-Slack-Signature: v0=<hex HMAC-SHA256(secret,
 * "v0:" + X-Slack-Request-Timestamp + ":" + raw body)>}, and the timestamp within five minutes of now, so a captured
 * request cannot be replayed later. Several secrets are accepted while one is rotated.
 */
public final class SlackSignature {

    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private final List<String> secrets;
    private final Clock clock;

    public SlackSignature(List<String> secrets, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    public boolean configured() {
        return !secrets.isEmpty();
    }

    /** Empty when the request is authentic and fresh; otherwise why not (safe to return to the caller: no secrets). */
    public Optional<String> problem(byte[] rawBody, String timestamp, String signature) {
        if (secrets.isEmpty()) {
            return Optional.of("no Slack signing secret is configured");
        }
        if (signature == null || signature.isBlank()) {
            return Optional.of("missing " + SIGNATURE_HEADER);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        Instant now = clock.instant();
        if (Math.abs(now.getEpochSecond() - seconds) > REPLAY_WINDOW.toSeconds()) {
            return Optional.of(TIMESTAMP_HEADER + " is more than " + REPLAY_WINDOW.toMinutes() + " minutes from now (stale or replayed)");
        }
        byte[] prefix = ("v0:" + timestamp.trim() + ":").getBytes(StandardCharsets.UTF_8);
        byte[] presented = signature.trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = ("v0=" + HmacSha256.hex(secret, prefix, rawBody)).getBytes(StandardCharsets.UTF_8);
            match |= MessageDigest.isEqual(expected, presented);
        }
        return match ? Optional.empty() : Optional.of("the signature does not match the body");
    }
}

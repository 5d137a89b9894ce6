package io.firebreak.notifiers.slack;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an incident card lives: channel ID and message ts. {@code ts} stays a string, never a number: it is the
 * message's id and a float would round it. Written into receipts as {@code "<channel>:<ts>"}.
 */
public record SlackMessageRef(String channel, String ts) {

    public SlackMessageRef {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
    }

    /** {@code C0ABCD123:1795857125.004900} (channel IDs and ts never contain ':'). */
    public String ref() {
        return channel + ":" + ts;
    }

    public static Optional<SlackMessageRef> parse(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new SlackMessageRef(ref.substring(0, colon), ref.substring(colon + 1)));
    }
}

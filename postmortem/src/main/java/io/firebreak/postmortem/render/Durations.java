package io.firebreak.postmortem.render;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;

/** How postmortems write times and durations for people: UTC ISO-8601, and "4m 30s". */
public final class Durations {

    public static final String NOT_APPLICABLE = "n/a";

    private Durations() {
    }

    /** Largest units first, zero units left out: 270 s → "4m 30s", 3630 s → "1h 30s", 0 → "0s". */
    public static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds == 0) {
            return "0s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        StringBuilder text = new StringBuilder();
        append(text, days, "d");
        append(text, hours, "h");
        append(text, minutes, "m");
        append(text, secs, "s");
        return text.toString();
    }

    /** "n/a" when the stage never happened: not applicable is not zero. */
    public static String human(OptionalLong seconds) {
        return seconds.isPresent() ? human(Duration.ofSeconds(seconds.getAsLong())) : NOT_APPLICABLE;
    }

    /** UTC ISO-8601, e.g. {@code 2026-11-28T08:57:03Z} (milliseconds only when there are some). */
    public static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static void append(StringBuilder text, long value, String unit) {
        if (value > 0) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(value).append(unit);
        }
    }
}

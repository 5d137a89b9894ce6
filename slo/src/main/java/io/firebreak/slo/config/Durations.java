package io.firebreak.slo.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations ({@code 10ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 30d}, {@code 1w}). */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d|w))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Durations() {
    }

    /** The duration, or empty when {@code text} is not a duration (e.g. {@code 10xs}, {@code 5}, {@code -1m}). */
    public static Optional<Duration> parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!WHOLE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        return Optional.of(total);
    }

    /**
     * The window label used in {@code BurnRate.rates} and the {@code window} metric label: minutes below an hour,
     * hours up to a day ({@code 24h}, as the contract spells it), days above ({@code 3d}, {@code 30d}).
     */
    public static String label(Duration window) {
        long minutes = window.toMinutes();
        if (window.toMillis() % 60_000 != 0) {
            return window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toMillis() + "ms";
        }
        if (minutes % 60 != 0) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours > 24 && hours % 24 == 0) {
            return hours / 24 + "d";
        }
        return hours + "h";
    }
}

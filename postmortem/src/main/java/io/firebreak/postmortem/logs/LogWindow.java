package io.firebreak.postmortem.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The time range the log queries of a postmortem look at: the incident, widened by the padding on both sides. */
public record LogWindow(Instant from, Instant to) {

    public LogWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("log window ends before it starts: " + from + " .. " + to);
        }
    }

    /** {@code [start − padding, (end ?: now) + padding]}: an incident not ended yet runs up to now. */
    public static LogWindow around(Instant start, Optional<Instant> end, Instant now, Duration padding) {
        Instant last = end.orElse(now);
        if (last.isBefore(start)) {
            last = start;
        }
        return new LogWindow(start.minus(padding), last.plus(padding));
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Loki wants Unix epoch nanoseconds. */
    public static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}

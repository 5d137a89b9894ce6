package io.firebreak.core.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A window that opens at every {@code cron} minute, read on the wall clock of {@code timezone}, and lasts
 * {@code duration}. Occurrences are found by walking back minute by minute over real instants, so a cron minute a
 * daylight-saving change skips (02:30 on the spring-forward night in Europe/Berlin) opens no window that day, one the
 * autumn change repeats opens one at each occurrence (the second extends the first), and {@code 0 2 * * SUN} stays at 02:00 local time in summer
 * and winter alike.
 */
public record Recurrence(CronSchedule cron, Duration duration, ZoneId timezone) {

    /** Longer windows would make each check walk too far back; a week covers every maintenance habit we know. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    public Recurrence {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timezone, "timezone");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("recurrence duration must be positive and at most " + MAX_DURATION + ", got " + duration);
        }
    }

    /** The end of the occurrence that covers {@code at}, the latest-ending one when occurrences overlap. */
    public Optional<Instant> activeUntil(Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        Instant earliest = at.minus(duration);
        for (Instant start = minute; start.isAfter(earliest); start = start.minus(1, ChronoUnit.MINUTES)) {
            if (cron.startsAt(LocalDateTime.ofInstant(start, timezone))) {
                return Optional.of(start.plus(duration));
            }
        }
        return Optional.empty();
    }
}

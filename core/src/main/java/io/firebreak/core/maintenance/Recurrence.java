package io.firebreak.core.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A window that opens at every {@code cron} minute, read on the wall clock of {@code timezone}, and lasts
 * {@code duration}. Occurrences are the real instants whose local time is a cron minute, so a cron minute a
 * daylight-saving change skips (02:30 on the spring-forward night in Europe/Berlin) opens no window that day, one the
 * autumn change repeats opens one at each occurrence (the second extends the first), and {@code 0 2 * * SUN} stays at
 * 02:00 local time in summer and winter alike. They are found day by day from the cron's minutes of each local day,
 * never by visiting every minute.
 */
public record Recurrence(CronSchedule cron, Duration duration, ZoneId timezone) {

    /** Longer windows would make each check look too far back; a week covers every maintenance habit we know. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    /** How far ahead the next occurrence is looked for: five years reach every 29 February; a cron silent that long never fires. */
    public static final Duration LOOK_AHEAD = Duration.ofDays(5 * 366);

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
        return latestStart(at).map(start -> start.plus(duration));
    }

    /** The start of the latest occurrence that began at or before {@code at} and still covers it. */
    public Optional<Instant> latestStart(Instant at) {
        Instant earliest = at.minus(duration);
        return search(LocalDate.ofInstant(at, timezone).plusDays(1), LocalDate.ofInstant(earliest, timezone).minusDays(1), -1,
                start -> start.isAfter(earliest) && !start.isAfter(at), Comparator.reverseOrder());
    }

    /** The first occurrence starting after {@code after} and no later than {@code limit}. */
    public Optional<Instant> nextStart(Instant after, Instant limit) {
        return search(LocalDate.ofInstant(after, timezone).minusDays(1), LocalDate.ofInstant(limit, timezone).plusDays(1), 1,
                start -> start.isAfter(after) && !start.isAfter(limit), Comparator.naturalOrder());
    }

    /**
     * Walks the local days from {@code first} to {@code last} ({@code step} -1 or 1) for the {@code wanted} start that
     * comes first in {@code order}; it stops one day past the day of the best found, since only a zone turning its
     * clocks back across midnight puts a better start on the neighbouring day, and none further.
     */
    private Optional<Instant> search(LocalDate first, LocalDate last, int step, Predicate<Instant> wanted, Comparator<Instant> order) {
        Instant best = null;
        for (LocalDate day = first; step * ChronoUnit.DAYS.between(day, last) >= 0; day = day.plusDays(step)) {
            for (Instant start : startsOn(day)) {
                if (wanted.test(start) && (best == null || order.compare(start, best) < 0)) {
                    best = start;
                }
            }
            if (best != null && step * ChronoUnit.DAYS.between(LocalDate.ofInstant(best, timezone), day) > 0) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The real instants whose local time on {@code day} is a cron minute: none in a skipped hour, two in a repeated one. */
    private List<Instant> startsOn(LocalDate day) {
        List<Instant> starts = new ArrayList<>();
        for (LocalTime time : cron.startsOn(day)) {
            LocalDateTime local = day.atTime(time);
            for (ZoneOffset offset : timezone.getRules().getValidOffsets(local)) {
                starts.add(local.toInstant(offset));
            }
        }
        return starts;
    }
}

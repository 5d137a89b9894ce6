package io.firebreak.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.maintenance.MaintenanceWindow.Span;
import io.firebreak.core.routing.Matcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedMaintenanceWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The weeks around Berlin's 2026 changes: clocks jump 02:00 → 03:00 on 29 March and go back 03:00 → 02:00 on 25 October. */
    private static final List<Instant> DST_WEEKS = List.of(Instant.parse("2026-03-25T00:00:00Z"), Instant.parse("2026-10-21T00:00:00Z"));

    /**
     * The specification the cache must keep: walk back minute by minute over real instants and take the first whose
     * local time is a cron minute (how firebreak answered before occurrences were found day by day and remembered).
     */
    private static Optional<Instant> walkedActiveUntil(Recurrence recurrence, Instant at) {
        Instant earliest = at.minus(recurrence.duration());
        for (Instant start = at.truncatedTo(ChronoUnit.MINUTES); start.isAfter(earliest); start = start.minus(1, ChronoUnit.MINUTES)) {
            if (recurrence.cron().startsAt(LocalDateTime.ofInstant(start, recurrence.timezone()))) {
                return Optional.of(start.plus(recurrence.duration()));
            }
        }
        return Optional.empty();
    }

    private static MaintenanceWindow window(String cron, Duration duration) {
        return new MaintenanceWindow("w-" + cron, cron, List.of(Matcher.parse("cluster=\"oci-fra-1\"")), Optional.empty(), Optional.empty(),
                Optional.of(new Recurrence(CronSchedule.parse(cron), duration, BERLIN)));
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void theCacheAnswersAsTheMinuteWalkAcrossASimulatedWeekOfEachDaylightSavingChange() {
        List<MaintenanceWindow> windows = List.of(
                window("0 2 * * SUN", Duration.ofHours(2)),       // the README's Sunday patching: skipped in March, twice in October
                window("30 2 * * *", Duration.ofMinutes(30)),     // a minute the spring change skips and the autumn one repeats
                window("0 1 * * *", Duration.ofHours(2)),         // spans both changes
                window("*/20 1-3 * * *", Duration.ofMinutes(45)), // overlapping occurrences: the latest-ending one counts
                window("15 22 * * MON-FRI", Duration.ofHours(3))); // across midnight, weekdays only
        for (Instant weekStart : DST_WEEKS) {
            for (MaintenanceWindow window : windows) {
                CachedMaintenanceWindow cached = new CachedMaintenanceWindow(window);
                // a hand-moved clock: steps of 251 s land on every second of the minute over the week
                Clock clock = Clock.fixed(weekStart, ZoneOffset.UTC);
                int questions = 0;
                while (clock.instant().isBefore(weekStart.plus(Duration.ofDays(7)))) {
                    Instant now = clock.instant();
                    Optional<Instant> walked = walkedActiveUntil(window.recurrence().orElseThrow(), now);
                    assertThat(cached.activeUntil(now)).as("%s at %s", window.name(), now).isEqualTo(walked);
                    assertThat(window.activeUntil(now)).as("%s at %s, uncached", window.name(), now).isEqualTo(walked);
                    clock = Clock.offset(clock, Duration.ofSeconds(251));
                    questions++;
                }
                // occurrences are looked up about once per occurrence, not once per question
                assertThat(cached.lookups()).as(window.name()).isLessThan(questions / 10);
            }
        }
    }

    @Test
    void timeGoingBackIsAnsweredAsTheWalkDoes() {
        MaintenanceWindow sunday = window("0 2 * * SUN", Duration.ofHours(2));
        CachedMaintenanceWindow cached = new CachedMaintenanceWindow(sunday);

        assertThat(cached.activeUntil(Instant.parse("2026-10-25T01:30:00Z"))).contains(Instant.parse("2026-10-25T03:00:00Z"));
        assertThat(cached.activeUntil(Instant.parse("2026-10-25T00:30:00Z"))).contains(Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(cached.activeUntil(Instant.parse("2026-10-24T23:59:00Z"))).isEmpty();
    }

    @Test
    void spansStayAtLocalTimeAcrossSpringForward() {
        // 02:30 does not exist in Berlin on 29 March 2026: the window of that night is skipped, the next is on the 30th
        assertThat(window("30 2 * * *", Duration.ofMinutes(30)).currentOrNextSpan(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(new Span(berlin("2026-03-30T02:30"), berlin("2026-03-30T03:00")));
        // Sunday 02:00 is skipped too; the next Sunday's 02:00 is summer time (00:00 UTC)
        assertThat(window("0 2 * * SUN", Duration.ofHours(2)).currentOrNextSpan(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(new Span(Instant.parse("2026-04-05T00:00:00Z"), Instant.parse("2026-04-05T02:00:00Z")));
        // a window across the change lasts its real duration: 01:00 local + 2 h is 04:00 local (03:00 summer time)
        assertThat(window("0 1 * * *", Duration.ofHours(2)).currentOrNextSpan(Instant.parse("2026-03-29T00:30:00Z")))
                .contains(new Span(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T02:00:00Z")));
    }

    @Test
    void spansOpenAtEachRepeatOfALocalMinuteAtFallBack() {
        MaintenanceWindow sunday = window("0 2 * * SUN", Duration.ofHours(2));
        // 02:00 local happens at 00:00 UTC (summer time) and again at 01:00 UTC (winter time): the second extends the first
        assertThat(sunday.currentOrNextSpan(Instant.parse("2026-10-24T12:00:00Z")))
                .contains(new Span(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T02:00:00Z")));
        assertThat(sunday.currentOrNextSpan(Instant.parse("2026-10-25T01:30:00Z")))
                .contains(new Span(Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T03:00:00Z")));
        // the Sunday after: 02:00 winter time is 01:00 UTC
        assertThat(sunday.currentOrNextSpan(Instant.parse("2026-10-25T03:00:00Z")))
                .contains(new Span(Instant.parse("2026-11-01T01:00:00Z"), Instant.parse("2026-11-01T03:00:00Z")));
    }

    @Test
    void spansKeepTheWindowsOwnBounds() {
        MaintenanceWindow bounded = new MaintenanceWindow("w", "bounded", List.of(Matcher.parse("cluster=\"a\"")),
                Optional.of(berlin("2026-12-06T03:00")), Optional.of(berlin("2026-12-13T03:00")),
                Optional.of(new Recurrence(CronSchedule.parse("0 2 * * SUN"), Duration.ofHours(2), BERLIN)));
        // the first occurrence is already running when the window starts: it holds from startsAt
        assertThat(bounded.currentOrNextSpan(Instant.parse("2026-12-01T00:00:00Z")))
                .contains(new Span(berlin("2026-12-06T03:00"), berlin("2026-12-06T04:00")));
        // the second is cut at endsAt, and nothing follows it
        assertThat(bounded.currentOrNextSpan(berlin("2026-12-07T00:00"))).contains(new Span(berlin("2026-12-13T02:00"), berlin("2026-12-13T03:00")));
        assertThat(bounded.currentOrNextSpan(berlin("2026-12-13T03:00"))).isEmpty();
        // a cron that never fires has no span, and a one-off window's span is its start and end
        assertThat(window("0 0 30 FEB *", Duration.ofHours(1)).currentOrNextSpan(Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
        MaintenanceWindow oneOff = new MaintenanceWindow("o", "one-off", List.of(Matcher.parse("cluster=\"a\"")),
                Optional.of(Instant.parse("2026-12-01T22:00:00Z")), Optional.of(Instant.parse("2026-12-01T23:00:00Z")), Optional.empty());
        Span span = new Span(Instant.parse("2026-12-01T22:00:00Z"), Instant.parse("2026-12-01T23:00:00Z"));
        assertThat(oneOff.currentOrNextSpan(Instant.parse("2026-12-01T12:00:00Z"))).contains(span);
        assertThat(oneOff.currentOrNextSpan(Instant.parse("2026-12-01T22:30:00Z"))).contains(span);
        assertThat(oneOff.currentOrNextSpan(Instant.parse("2026-12-01T23:00:00Z"))).isEmpty();
    }
}

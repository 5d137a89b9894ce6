package io.firebreak.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.core.routing.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Recurrence sundayPatching() {
        return new Recurrence(CronSchedule.parse("0 2 * * SUN"), Duration.ofHours(2), BERLIN);
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void recurringWindowStaysAtLocalTwoInWinterAndSummer() {
        // winter (UTC+1): 02:00 local is 01:00 UTC
        assertThat(sundayPatching().activeUntil(Instant.parse("2026-01-04T01:30:00Z"))).contains(Instant.parse("2026-01-04T03:00:00Z"));
        assertThat(sundayPatching().activeUntil(Instant.parse("2026-01-04T00:59:00Z"))).isEmpty();
        // summer (UTC+2): 02:00 local is 00:00 UTC
        assertThat(sundayPatching().activeUntil(Instant.parse("2026-07-05T00:30:00Z"))).contains(Instant.parse("2026-07-05T02:00:00Z"));
        assertThat(sundayPatching().activeUntil(Instant.parse("2026-07-05T02:00:00Z"))).isEmpty();
        // not on a Monday
        assertThat(sundayPatching().activeUntil(berlin("2026-07-06T02:30"))).isEmpty();
    }

    @Test
    void aMinuteTheSpringChangeSkipsOpensNoWindowThatNight() {
        // 2026-03-29: Berlin clocks jump from 02:00 to 03:00, so 02:30 never happens
        Recurrence skipped = new Recurrence(CronSchedule.parse("30 2 * * *"), Duration.ofMinutes(30), BERLIN);
        assertThat(skipped.activeUntil(Instant.parse("2026-03-29T01:10:00Z"))).isEmpty();
        assertThat(skipped.activeUntil(berlin("2026-03-30T02:40"))).contains(berlin("2026-03-30T03:00"));
    }

    @Test
    void aWindowSpanningTheAutumnChangeLastsItsRealDuration() {
        // 2026-10-25: Berlin clocks go back from 03:00 to 02:00; a 2 h window from 01:00 local ends at 02:00 (second time)
        Recurrence night = new Recurrence(CronSchedule.parse("0 1 * * *"), Duration.ofHours(2), BERLIN);
        assertThat(night.activeUntil(Instant.parse("2026-10-25T00:30:00Z"))).contains(Instant.parse("2026-10-25T01:00:00Z"));
    }

    @Test
    void oneOffWindowIsActiveFromStartToEnd() {
        MaintenanceWindow window = new MaintenanceWindow("w1", "db upgrade", List.of(Matcher.parse("service=\"postgres-main\"")),
                Optional.of(Instant.parse("2026-12-01T22:00:00Z")), Optional.of(Instant.parse("2026-12-01T23:00:00Z")), Optional.empty());
        assertThat(window.activeUntil(Instant.parse("2026-12-01T21:59:59Z"))).isEmpty();
        assertThat(window.activeUntil(Instant.parse("2026-12-01T22:00:00Z"))).contains(Instant.parse("2026-12-01T23:00:00Z"));
        assertThat(window.activeUntil(Instant.parse("2026-12-01T23:00:00Z"))).isEmpty();
    }

    @Test
    void recurrenceEndsNoLaterThanTheWindowItself() {
        MaintenanceWindow window = new MaintenanceWindow("w2", "patching", List.of(Matcher.parse("cluster=\"oci-fra-1\"")),
                Optional.empty(), Optional.of(berlin("2026-07-05T03:00")), Optional.of(sundayPatching()));
        assertThat(window.activeUntil(berlin("2026-07-05T02:10"))).contains(berlin("2026-07-05T03:00"));
        assertThat(window.activeUntil(berlin("2026-07-12T02:10"))).isEmpty();
    }

    @Test
    void matchesWhenOneServiceLabelSetMatchesEveryMatcher() {
        MaintenanceWindow window = new MaintenanceWindow("w3", "risk deploy", List.of(Matcher.parse("cluster=\"oci-fra-1\""),
                Matcher.parse("service=~\"risk-.*\"")), Optional.empty(), Optional.of(Instant.MAX), Optional.empty());
        assertThat(window.matches(List.of(Map.of("cluster", "oci-fra-1", "service", "trade-engine"),
                Map.of("cluster", "oci-fra-1", "service", "risk-service")))).isTrue();
        assertThat(window.matches(List.of(Map.of("cluster", "oci-ams-1", "service", "risk-service")))).isFalse();
    }

    @Test
    void refusesWindowsThatWouldHoldEverythingOrNeverEnd() {
        assertThatThrownBy(() -> new MaintenanceWindow("w", "all", List.of(), Optional.empty(), Optional.of(Instant.MAX), Optional.empty()))
                .hasMessageContaining("at least one matcher");
        assertThatThrownBy(() -> new MaintenanceWindow("w", "forever", List.of(Matcher.parse("cluster=\"a\"")), Optional.empty(),
                Optional.empty(), Optional.empty())).hasMessageContaining("endsAt or a recurrence");
    }

    @Test
    void cronAcceptsCrontabFormsAndNamesTheBadField() {
        CronSchedule weekdays = CronSchedule.parse("*/15 22-23 * * MON-FRI");
        assertThat(weekdays.startsAt(LocalDateTime.parse("2026-12-01T22:45"))).isTrue(); // a Tuesday
        assertThat(weekdays.startsAt(LocalDateTime.parse("2026-12-01T22:50"))).isFalse();
        assertThat(weekdays.startsAt(LocalDateTime.parse("2026-12-06T22:45"))).isFalse(); // a Sunday
        assertThat(CronSchedule.parse("0 0 1 * 7").startsAt(LocalDateTime.parse("2026-12-06T00:00"))).isTrue(); // 7 = Sunday, OR day
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *")).hasMessageContaining("hour 25 is outside 0-23");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).hasMessageContaining("five fields");
    }
}

package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetHistoryTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    /** 30d / 720 points = one point an hour. */
    private final BudgetHistory history = new BudgetHistory(Duration.ofDays(30));

    @Test
    void keepsAPointAnHourAndTheNewestValueAlwaysLast() {
        for (int minute = 0; minute <= 150; minute += 10) {
            history.add(START.plus(Duration.ofMinutes(minute)), 1.0 - minute / 1000.0);
        }

        assertThat(history.points()).extracting(BudgetHistory.Point::at)
                .containsExactly(START, START.plus(Duration.ofMinutes(60)), START.plus(Duration.ofMinutes(120)), START.plus(Duration.ofMinutes(150)));
        assertThat(history.points().get(3).budgetRemaining()).isEqualTo(0.85);
    }

    @Test
    void staysWithinThePeriodAndItsPointBoundAndIgnoresAnOlderValue() {
        for (int hour = 0; hour < 24 * 40; hour++) {
            history.add(START.plus(Duration.ofHours(hour)), 0.5);
        }
        history.add(START, 1.0);

        assertThat(history.points()).hasSizeLessThanOrEqualTo(BudgetHistory.POINTS);
        assertThat(history.points().get(0).at()).isAfterOrEqualTo(START.plus(Duration.ofHours(24 * 40 - 1)).minus(Duration.ofDays(30)));
        assertThat(history.points()).noneMatch(p -> p.budgetRemaining() == 1.0);
    }
}

package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-28T09:15:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse(Optional.of(" 120 "), clock)).contains(Duration.ofSeconds(120));
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        assertThat(RetryAfter.parse(Optional.of("Sat, 28 Nov 2026 09:15:30 GMT"), clock)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        assertThat(RetryAfter.parse(Optional.of("Sat, 28 Nov 2026 09:00:00 GMT"), clock)).contains(Duration.ZERO);
    }

    @Test
    void ignoresAbsentOrUnreadableValues() {
        assertThat(RetryAfter.parse(Optional.empty(), clock)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("soon"), clock)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("-5"), clock)).isEmpty();
        assertThat(RetryAfter.parse(Optional.of("99999999999999999999999"), clock)).isEmpty();
    }
}

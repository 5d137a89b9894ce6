package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    final RetryPolicy policy = RetryPolicy.defaults();
    final DeliveryOutcome.Retryable serverError = new DeliveryOutcome.Retryable("500", OptionalInt.of(500), Optional.empty());

    @Test
    void backoffDoublesFromTheInitialWait() {
        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(6, 0.0)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void aTriggerBacksOffAtMostFourSecondsWithinTheSameHourSoAPageFollowsTheReceiversRecovery() {
        RetryPolicy triggers = policy.forTriggers();

        assertThat(triggers.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(triggers.backoff(100, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(triggers.maxElapsed()).isEqualTo(Duration.ofHours(1));
        // 900 attempts fit in the hour: the time budget, not the attempts, decides when a page is given up on
        assertThat(triggers.nextDelay(900, Duration.ofMinutes(59), serverError, 0.0)).contains(Duration.ofSeconds(4));
        // the receiver's own Retry-After is still honoured
        var asked = new DeliveryOutcome.Retryable("503", OptionalInt.of(503), Optional.of(Duration.ofSeconds(20)));
        assertThat(triggers.nextDelay(10, Duration.ZERO, asked, 0.0)).contains(Duration.ofSeconds(20));
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        assertThat(policy.backoff(7, 0.0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(100, 0.0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.backoff(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterOnlyShortensTheWaitWithinItsFraction() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration full = policy.backoff(attempt, 0.0);
            for (double random = 0.0; random < 1.0; random += 0.05) {
                Duration jittered = policy.backoff(attempt, random);
                assertThat(jittered).isLessThanOrEqualTo(full);
                assertThat(jittered.toMillis()).isGreaterThanOrEqualTo(Math.round(full.toMillis() * 0.8) - 1);
            }
        }
        assertThat(policy.backoff(7, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60)).isGreaterThan(Duration.ofSeconds(48));
    }

    @Test
    void nextDelayHonoursRetryAfterLongerThanTheBackoff() {
        var rateLimited = new DeliveryOutcome.Retryable("429", OptionalInt.of(429), Optional.of(Duration.ofSeconds(90)));

        assertThat(policy.nextDelay(1, Duration.ZERO, rateLimited, 0.5)).contains(Duration.ofSeconds(90));
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsAtLeastTheRateLimitBackoff() {
        var rateLimited = new DeliveryOutcome.Retryable("429", OptionalInt.of(429), Optional.empty());

        assertThat(policy.nextDelay(1, Duration.ZERO, rateLimited, 0.0)).contains(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(1, Duration.ZERO, serverError, 0.0)).contains(Duration.ofSeconds(1));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        RetryPolicy three = policy.withLimits(3, Duration.ofHours(1));

        assertThat(three.nextDelay(2, Duration.ZERO, serverError, 0.0)).isPresent();
        assertThat(three.nextDelay(3, Duration.ZERO, serverError, 0.0)).isEmpty();
    }

    @Test
    void givesUpWhenTheNextRetryWouldStartAfterTheElapsedBudget() {
        assertThat(policy.nextDelay(7, Duration.ofMinutes(58), serverError, 0.0)).contains(Duration.ofSeconds(60));
        assertThat(policy.nextDelay(7, Duration.ofMinutes(59).plusSeconds(1), serverError, 0.0)).isEmpty();
        var farRetryAfter = new DeliveryOutcome.Retryable("429", OptionalInt.of(429), Optional.of(Duration.ofHours(2)));
        assertThat(policy.nextDelay(1, Duration.ZERO, farRetryAfter, 0.0)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void transientStatusesRetry(int status) {
        assertThat(policy.outcomeFor(status, "x", Optional.empty())).isInstanceOf(DeliveryOutcome.Retryable.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void clientErrorsArePermanent(int status) {
        assertThat(policy.outcomeFor(status, "x", Optional.empty())).isInstanceOf(DeliveryOutcome.Permanent.class);
    }

    @Test
    void rejectsPoliciesThatCannotWork() {
        assertThatThrownBy(() -> policy.withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> policy.withLimits(0, Duration.ofHours(1))).hasMessageContaining("maxAttempts");
    }
}

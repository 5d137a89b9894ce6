package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RetryingDeliveryTest {

    final Notification trigger = TestNotifications.critical(NotificationKind.TRIGGER);
    final NotifierMetrics metrics = new NotifierMetrics(new NotifierMetrics.Families(new PrometheusRegistry()), "pagerduty", () -> 0L);
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T09:12:04Z"));
    final List<Duration> pauses = new ArrayList<>();
    /** Waits by moving the clock, as long as a real wait would take. */
    final RetryingDelivery.Pause pause = wait -> {
        pauses.add(wait);
        clock.advance(wait);
        return true;
    };

    static DeliveryOutcome status(int code) {
        return RetryPolicy.defaults().outcomeFor(code, "answered " + code, Optional.empty());
    }

    RetryingDelivery.Result deliver(RetryPolicy policy, DeliveryOutcome... answers) {
        Deque<DeliveryOutcome> script = new ArrayDeque<>(List.of(answers));
        Notifier scripted = n -> script.isEmpty() ? DeliveryOutcome.delivered(n.getIncidentId(), 202) : script.poll();
        return new RetryingDelivery("pagerduty", scripted, policy, metrics, clock, () -> 0.0).deliver(trigger, pause);
    }

    long count(String what) {
        return count(metrics, what);
    }

    /** A channel's counter by its old short name, as the tests of deliveries read them. */
    static long count(NotifierMetrics metrics, String what) {
        return switch (what) {
            case "sent" -> metrics.sent.getLongValue();
            case "failed" -> metrics.failed.getLongValue();
            case "retried" -> metrics.retried.getLongValue();
            case "dlq" -> metrics.dlq.getLongValue();
            case "poison" -> metrics.poison.getLongValue();
            default -> throw new IllegalArgumentException(what);
        };
    }

    @Test
    void eachRefusedAttemptIsReportedWithItsErrorAndNextAttempt() {
        Deque<DeliveryOutcome> script = new ArrayDeque<>(List.of(status(503), status(503)));
        Notifier scripted = n -> script.isEmpty() ? DeliveryOutcome.delivered(n.getIncidentId(), 202) : script.poll();
        List<String> reports = new ArrayList<>();

        new RetryingDelivery("pagerduty", scripted, RetryPolicy.defaults(), metrics, clock, () -> 0.0).deliver(trigger, pause,
                (n, attempts, failure, next) -> reports.add(attempts + " " + failure.reason() + " next " + next));

        assertThat(reports).containsExactly("1 answered 503 next 2026-11-28T09:12:05Z", "2 answered 503 next 2026-11-28T09:12:07Z");
    }

    @Test
    void aTriggerIsRetriedAtLeastEveryFourSecondsWhileOtherNoticesBackOffFurther() {
        DeliveryOutcome[] outage = new DeliveryOutcome[8];
        java.util.Arrays.fill(outage, status(503));

        deliver(RetryPolicy.defaults(), outage);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4),
                Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void deliversAtTheFirstAttemptWithoutWaiting() {
        var result = deliver(RetryPolicy.defaults());

        assertThat(result).isEqualTo(new RetryingDelivery.Result.Delivered(DeliveryOutcome.delivered(TestNotifications.INCIDENT, 202), 1));
        assertThat(pauses).isEmpty();
        assertThat(count("sent")).isEqualTo(1);
    }

    @Test
    void retriesOn429AfterRetryAfterThenSucceeds() {
        var rateLimited = new DeliveryOutcome.Retryable("429", OptionalInt.of(429), Optional.of(Duration.ofSeconds(45)));

        var result = deliver(RetryPolicy.defaults(), rateLimited, status(503));

        assertThat(result).isInstanceOfSatisfying(RetryingDelivery.Result.Delivered.class, d -> assertThat(d.attempts()).isEqualTo(3));
        assertThat(pauses).containsExactly(Duration.ofSeconds(45), Duration.ofSeconds(2));
        assertThat(count("retried")).isEqualTo(2);
        assertThat(count("failed")).isEqualTo(2);
        assertThat(count("sent")).isEqualTo(1);
        assertThat(metrics.latency.getCount()).isEqualTo(3);
    }

    @Test
    void deadLettersAPermanentFailureWithoutRetrying() {
        var result = deliver(RetryPolicy.defaults(), status(400));

        assertThat(result).isInstanceOfSatisfying(RetryingDelivery.Result.DeadLettered.class, dead -> {
            assertThat(dead.letter().attempts()).isEqualTo(1);
            assertThat(dead.letter().httpStatus()).hasValue(400);
            assertThat(dead.letter().reason()).isEqualTo("answered 400");
        });
        assertThat(pauses).isEmpty();
        assertThat(count("dlq")).isEqualTo(1);
    }

    @Test
    void deadLettersWhenTheAttemptsAreSpent() {
        var result = deliver(RetryPolicy.defaults().withLimits(3, Duration.ofHours(1)), status(500), status(502), status(503));

        assertThat(result).isInstanceOfSatisfying(RetryingDelivery.Result.DeadLettered.class, dead -> {
            assertThat(dead.letter().attempts()).isEqualTo(3);
            assertThat(dead.letter().httpStatus()).hasValue(503);
            assertThat(dead.letter().reason()).startsWith("retry budget spent after 3 attempts").endsWith("answered 503");
        });
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void deadLettersWhenTheNextRetryWouldStartAfterTheTimeBudget() {
        RetryPolicy tenSeconds = RetryPolicy.defaults().withLimits(100, Duration.ofSeconds(10));
        DeliveryOutcome[] failures = new DeliveryOutcome[10];
        java.util.Arrays.fill(failures, status(500));

        var result = deliver(tenSeconds, failures);

        // waits 1 + 2 + 4 = 7 s; the next wait of 8 s would end after 10 s
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(result).isInstanceOfSatisfying(RetryingDelivery.Result.DeadLettered.class,
                dead -> assertThat(dead.letter().reason()).contains("after 4 attempts in 7 s"));
    }

    @Test
    void abandonsWithoutAResultWhenThePauseIsCutShort() {
        Notifier down = n -> DeliveryOutcome.unreachable("connection refused");

        var result = new RetryingDelivery("pagerduty", down, RetryPolicy.defaults(), metrics, clock, () -> 0.0)
                .deliver(trigger, wait -> false);

        assertThat(result).isEqualTo(new RetryingDelivery.Result.Abandoned(1));
        assertThat(count("dlq")).isZero();
    }

    @Test
    void aNotifierThatThrowsIsRetriedLikeATransientFailure() {
        Deque<RuntimeException> bugs = new ArrayDeque<>(List.of(new IllegalStateException("bug")));
        Notifier buggy = n -> {
            if (!bugs.isEmpty()) {
                throw bugs.poll();
            }
            return DeliveryOutcome.delivered("ok", 202);
        };

        var result = new RetryingDelivery("pagerduty", buggy, RetryPolicy.defaults(), metrics, clock, () -> 0.0).deliver(trigger, pause);

        assertThat(result).isInstanceOfSatisfying(RetryingDelivery.Result.Delivered.class, d -> assertThat(d.attempts()).isEqualTo(2));
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

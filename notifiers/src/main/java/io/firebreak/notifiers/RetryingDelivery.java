package io.firebreak.notifiers;

import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.prometheus.metrics.core.datapoints.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry stage around a {@link Notifier}: attempts, backoff per the {@link RetryPolicy}, metrics and logs, and
 * the decision "delivered / dead letter / left for later". No Kafka here: how to wait without losing the
 * consumer group is the caller's {@link Pause}.
 */
public final class RetryingDelivery {

    private static final Logger log = LoggerFactory.getLogger(RetryingDelivery.class);

    /** Waits between attempts; false means stop (shutting down, or the record is no longer ours). */
    @FunctionalInterface
    public interface Pause {
        boolean await(Duration wait);
    }

    /**
     * Hears each failed attempt that will be retried, so the notification's state is visible while it is retried
     * (the incident shows a page as pending with its attempts, last error and next attempt).
     */
    @FunctionalInterface
    public interface Retrying {
        Retrying IGNORED = (notification, failedAttempts, failure, nextAttemptAt) -> {
        };

        void retrying(Notification notification, int failedAttempts, DeliveryOutcome.Retryable failure, Instant nextAttemptAt);
    }

    /** How the retry stage ended. */
    public sealed interface Result {
        record Delivered(DeliveryOutcome.Delivered outcome, int attempts) implements Result {
        }

        record DeadLettered(DeliveryRecords.DeadLetter letter) implements Result {
        }

        /** Neither delivered nor given up on: the record stays uncommitted and is delivered again later. */
        record Abandoned(int attempts) implements Result {
        }
    }

    private final String channel;
    private final Notifier notifier;
    private final RetryPolicy policy;
    private final RetryPolicy triggerPolicy;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final DoubleSupplier random;

    public RetryingDelivery(String channel, Notifier notifier, RetryPolicy policy, NotifierMetrics metrics, Clock clock, DoubleSupplier random) {
        this.channel = channel;
        this.notifier = notifier;
        this.policy = policy;
        this.triggerPolicy = policy.forTriggers();
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
    }

    public Result deliver(Notification n, Pause pause) {
        return deliver(n, pause, Retrying.IGNORED);
    }

    /** Delivers with the channel's policy; a TRIGGER with {@link RetryPolicy#forTriggers()}, so a page goes out soon after the receiver recovers. */
    public Result deliver(Notification n, Pause pause, Retrying retrying) {
        RetryPolicy policy = n.getKind() == NotificationKind.TRIGGER ? triggerPolicy : this.policy;
        Instant firstAttempt = clock.instant();
        for (int attempts = 1; ; attempts++) {
            DeliveryOutcome outcome = attempt(n);
            if (outcome instanceof DeliveryOutcome.Delivered delivered) {
                metrics.sent.inc();
                log.info("notification delivered channel={} incident={} notification={} kind={} attempts={} status={} ref={} outcome={}",
                        channel, n.getIncidentId(), n.getId(), n.getKind(), attempts, status(outcome), delivered.ref(),
                        delivered.logOnly() ? DeliveryRecords.LOGGED : DeliveryRecords.DELIVERED);
                return new Result.Delivered(delivered, attempts);
            }
            metrics.failed.inc();
            if (outcome instanceof DeliveryOutcome.Permanent permanent) {
                return deadLetter(n, new DeliveryRecords.DeadLetter(permanent.reason(), permanent.httpStatus(), attempts));
            }
            DeliveryOutcome.Retryable retryable = (DeliveryOutcome.Retryable) outcome;
            Duration elapsed = Duration.between(firstAttempt, clock.instant());
            Optional<Duration> delay = policy.nextDelay(attempts, elapsed, retryable, random.getAsDouble());
            if (delay.isEmpty()) {
                String reason = "retry budget spent after " + attempts + " attempts in " + elapsed.toSeconds() + " s: " + retryable.reason();
                return deadLetter(n, new DeliveryRecords.DeadLetter(reason, retryable.httpStatus(), attempts));
            }
            metrics.retried.inc();
            retrying.retrying(n, attempts, retryable, clock.instant().plus(delay.get()));
            log.warn("delivery failed, will retry channel={} incident={} notification={} attempt={} status={} retryIn={} reason=\"{}\"",
                    channel, n.getIncidentId(), n.getId(), attempts, status(outcome), delay.get(), retryable.reason());
            if (!pause.await(delay.get())) {
                log.info("retry abandoned, left uncommitted for later channel={} incident={} notification={} attempts={}",
                        channel, n.getIncidentId(), n.getId(), attempts);
                return new Result.Abandoned(attempts);
            }
        }
    }

    private DeliveryOutcome attempt(Notification n) {
        try (Timer ignored = metrics.latency.startTimer()) {
            return notifier.deliver(n);
        } catch (RuntimeException e) {
            // a bug in a notifier must not kill the channel: a transient failure, bounded by the retry budget
            log.error("notifier threw channel={} incident={} notification={} error={}", channel, n.getIncidentId(), n.getId(), e.toString(), e);
            return DeliveryOutcome.unreachable("notifier failed: " + e);
        }
    }

    private Result deadLetter(Notification n, DeliveryRecords.DeadLetter letter) {
        metrics.dlq.inc();
        log.error("notification dead-lettered channel={} incident={} notification={} kind={} attempts={} status={} reason=\"{}\"",
                channel, n.getIncidentId(), n.getId(), n.getKind(), letter.attempts(),
                letter.httpStatus().isPresent() ? letter.httpStatus().getAsInt() : "none", letter.reason());
        return new Result.DeadLettered(letter);
    }

    private static Object status(DeliveryOutcome outcome) {
        return outcome.httpStatus().isPresent() ? outcome.httpStatus().getAsInt() : "none";
    }
}

package io.firebreak.notifiers;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How a channel retries, as data: exponential backoff with jitter, bounded by attempts and elapsed time,
 * and which HTTP statuses are worth retrying. One policy per channel; notifiers classify HTTP answers with
 * {@link #outcomeFor} so no notifier hard-codes its own list.
 *
 * @param initialBackoff    wait after the first failed attempt
 * @param maxBackoff        cap of the computed backoff (a receiver's Retry-After may ask for longer)
 * @param multiplier        growth per failed attempt (≥ 1)
 * @param jitter            fraction in [0, 1]: each wait is drawn from [backoff × (1 − jitter), backoff], so
 *                          many notifiers failing together do not retry in lockstep, and the cap still holds
 * @param maxAttempts       attempts in total, the first included, before the notification is dead-lettered
 * @param maxElapsed        time budget from the first attempt: a retry that would start later is not made
 * @param retryableStatuses HTTP statuses that are transient; any other non-2xx status is permanent
 * @param rateLimitBackoff  least wait after a 429 without Retry-After (PagerDuty asks for ≥ 30 s)
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter,
                          int maxAttempts, Duration maxElapsed, Set<Integer> retryableStatuses, Duration rateLimitBackoff) {

    /** 408 Request Timeout, 425 Too Early, 429 Too Many Requests and every 5xx. */
    public static final Set<Integer> TRANSIENT_STATUSES = Stream.concat(Stream.of(408, 425, 429),
            IntStream.rangeClosed(500, 599).boxed()).collect(Collectors.toUnmodifiableSet());

    /** Longest computed wait between two attempts of a TRIGGER ({@link #forTriggers()}). */
    public static final Duration TRIGGER_MAX_BACKOFF = Duration.ofSeconds(4);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        Objects.requireNonNull(rateLimitBackoff, "rateLimitBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff (" + initialBackoff
                    + ") <= maxBackoff (" + maxBackoff + ")");
        }
        if (multiplier < 1.0 || Double.isNaN(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (maxElapsed.isNegative()) {
            throw new IllegalArgumentException("maxElapsed must not be negative, was " + maxElapsed);
        }
        retryableStatuses = Set.copyOf(retryableStatuses);
    }

    /**
     * 1 s doubling to 60 s with 20 % jitter, 429 waits at least 30 s, given up after 1 h (PagerDuty contract: "never
     * retry forever — after ~1 h send to DLQ"). The 1,000 attempts only stop a receiver that fails instantly with a
     * zero Retry-After; the hour binds first, also for triggers' shorter backoff ({@link #forTriggers()}: ~900).
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2, 1000, Duration.ofHours(1),
                TRANSIENT_STATUSES, Duration.ofSeconds(30));
    }

    /**
     * The policy for a TRIGGER (a page, or a war room to open): the same budget in time, but the backoff capped at
     * {@link #TRIGGER_MAX_BACKOFF}, so the page reaches a receiver within seconds of its recovery instead of up to a
     * full backoff later. A receiver's Retry-After and the 429 floor still apply.
     */
    public RetryPolicy forTriggers() {
        if (maxBackoff.compareTo(TRIGGER_MAX_BACKOFF) <= 0) {
            return this;
        }
        Duration cap = initialBackoff.compareTo(TRIGGER_MAX_BACKOFF) > 0 ? initialBackoff : TRIGGER_MAX_BACKOFF;
        return withBackoff(initialBackoff, cap);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(initial, max, multiplier, jitter, maxAttempts, maxElapsed, retryableStatuses, rateLimitBackoff);
    }

    public RetryPolicy withLimits(int attempts, Duration elapsed) {
        return new RetryPolicy(initialBackoff, maxBackoff, multiplier, jitter, attempts, elapsed, retryableStatuses, rateLimitBackoff);
    }

    public RetryPolicy withRateLimitBackoff(Duration least) {
        return new RetryPolicy(initialBackoff, maxBackoff, multiplier, jitter, maxAttempts, maxElapsed, retryableStatuses, least);
    }

    public boolean retries(int httpStatus) {
        return retryableStatuses.contains(httpStatus);
    }

    /** Classifies a non-2xx answer: retryable when its status is in {@link #retryableStatuses}, else permanent. */
    public DeliveryOutcome outcomeFor(int httpStatus, String reason, Optional<Duration> retryAfter) {
        return retries(httpStatus)
                ? new DeliveryOutcome.Retryable(reason, OptionalInt.of(httpStatus), retryAfter)
                : new DeliveryOutcome.Permanent(reason, OptionalInt.of(httpStatus));
    }

    /**
     * The computed wait after {@code failedAttempts} failures (1 = the first attempt failed), before any
     * Retry-After: {@code min(maxBackoff, initial × multiplier^(failedAttempts−1))}, lowered by up to
     * {@code jitter} of itself.
     *
     * @param random uniform in [0, 1)
     */
    public Duration backoff(int failedAttempts, double random) {
        double exponent = Math.max(0, failedAttempts - 1);
        double base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(multiplier, exponent));
        double jittered = base * (1.0 - jitter * random);
        return Duration.ofMillis(Math.round(jittered));
    }

    /**
     * When to try again after a transient failure, or empty when the budget is spent (then dead-letter).
     * The wait honours the receiver's Retry-After and, for 429s, {@link #rateLimitBackoff}; it is never
     * shortened to fit the budget: a retry that cannot start within {@link #maxElapsed} is not made.
     *
     * @param failedAttempts attempts made so far, all failed
     * @param elapsed        time since the first attempt started
     * @param random         uniform in [0, 1), for the jitter
     */
    public Optional<Duration> nextDelay(int failedAttempts, Duration elapsed, DeliveryOutcome.Retryable failure, double random) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = backoff(failedAttempts, random);
        if (failure.httpStatus().orElse(0) == 429 && failure.retryAfter().isEmpty()) {
            delay = max(delay, rateLimitBackoff);
        }
        if (failure.retryAfter().isPresent()) {
            delay = max(delay, failure.retryAfter().get());
        }
        if (elapsed.plus(delay).compareTo(maxElapsed) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

package io.firebreak.notifiers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a channel's health check and lag gauge read: when its consumer last polled, its lag as of that poll, and the
 * error that makes it unhealthy. Written by the service thread, read by any thread.
 */
final class ChannelHealth {

    /** A consumer that has not polled for this long is reported unhealthy. */
    static final Duration STALLED = Duration.ofSeconds(90);

    private final Clock clock;
    private volatile Instant lastPoll;
    private volatile long lag;
    private volatile Optional<String> failure = Optional.empty();

    ChannelHealth(Clock clock) {
        this.clock = clock;
        this.lastPoll = clock.instant();
    }

    void polled() {
        lastPoll = clock.instant();
    }

    Duration sinceLastPoll() {
        return Duration.between(lastPoll, clock.instant());
    }

    boolean pollingRecently() {
        return sinceLastPoll().compareTo(STALLED) < 0;
    }

    void lag(long records) {
        lag = records;
    }

    long lag() {
        return lag;
    }

    void failed(String why) {
        failure = Optional.of(why);
    }

    void recovered() {
        failure = Optional.empty();
    }

    Optional<String> failure() {
        return failure;
    }
}

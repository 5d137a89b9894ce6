package io.firebreak.app.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether a Kafka Streams application is doing its job, for {@code /healthcheck}: a green check while alerts pile up
 * unprocessed is the worst answer it can give. Unhealthy when
 * <ul>
 *   <li>a stream thread died {@link Rules#threadDeaths} times within {@link Rules#within} — replacing a thread that
 *       meets the same failure again and again keeps the state RUNNING or REBALANCING while nothing moves;</li>
 *   <li>the application has not been RUNNING for longer than {@link Rules#maxNotRunning} (a rebalance or restore that
 *       does not end), or is shutting down or failed (at once);</li>
 *   <li>when a lag bound is set: the oldest input not yet processed is older than {@link Rules#maxLag}, or the lag
 *       could not be measured for that long.</li>
 * </ul>
 * Plain Java fed by listeners and a sampler, so every rule is tested with a hand-moved clock.
 */
public final class StreamsHealth {

    /**
     * @param maxLag empty for an application whose lag is not watched
     */
    public record Rules(int threadDeaths, Duration within, Duration maxNotRunning, Optional<Duration> maxLag) {
        public Rules {
            if (threadDeaths < 1) {
                throw new IllegalArgumentException("threadDeaths must be >= 1, got " + threadDeaths);
            }
            Objects.requireNonNull(within, "within");
            Objects.requireNonNull(maxNotRunning, "maxNotRunning");
            Objects.requireNonNull(maxLag, "maxLag");
        }

        /** Three thread deaths within five minutes; {@code maxNotRunning} and the lag bound from the configuration. */
        public static Rules of(Duration maxNotRunning, Optional<Duration> maxLag) {
            return new Rules(3, Duration.ofMinutes(5), maxNotRunning, maxLag);
        }
    }

    /** The answer of one check. */
    public record Verdict(boolean healthy, String message) {
    }

    private final Rules rules;
    private final Clock clock;
    private final Instant created;
    private final Deque<Instant> deaths = new ArrayDeque<>();
    private KafkaStreams.State state = KafkaStreams.State.CREATED;
    private Instant stateSince;
    private Duration lag;
    private Instant lagMeasuredAt;

    public StreamsHealth(Rules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.created = clock.instant();
        this.stateSince = created;
    }

    /** From {@link KafkaStreams#setStateListener}. */
    public synchronized void stateChanged(KafkaStreams.State newState) {
        if (newState != state) {
            state = newState;
            stateSince = clock.instant();
        }
    }

    /** From the uncaught-exception handler, each time a stream thread dies (and is replaced). */
    public synchronized void threadDied() {
        deaths.addLast(clock.instant());
        forgetOldDeaths();
    }

    /** From the lag sampler. */
    public synchronized void lagMeasured(Duration measured) {
        lag = measured;
        lagMeasuredAt = clock.instant();
    }

    /** The last measured lag, empty before the first measurement or once it is older than the lag bound. */
    public synchronized Optional<Duration> lag() {
        return freshLag();
    }

    public synchronized Verdict verdict() {
        Instant now = clock.instant();
        forgetOldDeaths();
        Optional<Duration> currentLag = freshLag();
        String summary = "state=" + state + " for " + seconds(Duration.between(stateSince, now))
                + " threadDeaths=" + deaths.size() + " within=" + seconds(rules.within())
                + (rules.maxLag().isPresent() ? " lag=" + currentLag.map(StreamsHealth::seconds).orElse("unknown") : "");
        if (deaths.size() >= rules.threadDeaths()) {
            return unhealthy("stream threads died " + deaths.size() + " times within " + seconds(rules.within())
                    + " (each was replaced and failed again: see event=stream_thread_died in the log)", summary);
        }
        switch (state) {
            case RUNNING -> { }
            case CREATED, REBALANCING -> {
                if (Duration.between(stateSince, now).compareTo(rules.maxNotRunning()) > 0) {
                    return unhealthy("not RUNNING for longer than " + seconds(rules.maxNotRunning()), summary);
                }
            }
            default -> {
                return unhealthy("stopped or failed", summary);
            }
        }
        if (rules.maxLag().isPresent()) {
            Duration bound = rules.maxLag().get();
            if (currentLag.isPresent() && currentLag.get().compareTo(bound) > 0) {
                return unhealthy("the oldest unprocessed input is older than " + seconds(bound), summary);
            }
            Instant measured = lagMeasuredAt == null ? created : lagMeasuredAt;
            if (currentLag.isEmpty() && Duration.between(measured, now).compareTo(bound) > 0) {
                return unhealthy("lag not measured for longer than " + seconds(bound) + " (see event=correlation_lag_unavailable)", summary);
            }
        }
        return new Verdict(true, summary);
    }

    private Optional<Duration> freshLag() {
        if (lag == null || rules.maxLag().isEmpty()) {
            return Optional.ofNullable(lag);
        }
        return Duration.between(lagMeasuredAt, clock.instant()).compareTo(rules.maxLag().get()) > 0 ? Optional.empty() : Optional.of(lag);
    }

    private void forgetOldDeaths() {
        Instant horizon = clock.instant().minus(rules.within());
        while (!deaths.isEmpty() && !deaths.peekFirst().isAfter(horizon)) {
            deaths.removeFirst();
        }
    }

    private static Verdict unhealthy(String why, String summary) {
        return new Verdict(false, why + "; " + summary);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}

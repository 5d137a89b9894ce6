package io.firebreak.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-11-28T09:00:00Z"));
    private final StreamsHealth health = new StreamsHealth(StreamsHealth.Rules.of(Duration.ofSeconds(60), Optional.of(Duration.ofSeconds(60))), clock);

    @Test
    void runningAndCaughtUpIsHealthy() {
        running();
        health.lagMeasured(Duration.ofSeconds(2));

        assertThat(health.verdict().healthy()).isTrue();
        assertThat(health.verdict().message()).contains("state=RUNNING").contains("lag=2s").contains("threadDeaths=0");
    }

    @Test
    void aRebalanceIsTransientUntilItOutlastsTheBound() {
        running();
        health.stateChanged(State.REBALANCING);
        clock.advance(Duration.ofSeconds(60));
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).isFalse();
        assertThat(health.verdict().message()).contains("not RUNNING for longer than 60s").contains("state=REBALANCING for 61s");

        health.stateChanged(State.RUNNING);
        assertThat(health.verdict().healthy()).isTrue();
    }

    @Test
    void aStartThatNeverReachesRunningTurnsUnhealthy() {
        health.lagMeasured(Duration.ZERO);
        clock.advance(Duration.ofSeconds(30));
        health.stateChanged(State.REBALANCING);
        clock.advance(Duration.ofSeconds(45));
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).as("45 s in REBALANCING").isTrue();

        clock.advance(Duration.ofSeconds(20));
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).isFalse();
    }

    @Test
    void stoppedOrFailedIsUnhealthyAtOnce() {
        for (State state : new State[] {State.ERROR, State.PENDING_ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
            running();
            health.lagMeasured(Duration.ZERO);
            health.stateChanged(state);
            assertThat(health.verdict().healthy()).as(state.name()).isFalse();
        }
    }

    @Test
    void threeThreadDeathsWithinFiveMinutesTurnUnhealthyEvenWhileTheStateLooksFine() {
        running();
        health.lagMeasured(Duration.ZERO);
        health.threadDied();
        clock.advance(Duration.ofMinutes(2));
        health.threadDied();
        clock.advance(Duration.ofMinutes(2));
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).as("two deaths").isTrue();

        health.threadDied();
        assertThat(health.verdict().healthy()).isFalse();
        assertThat(health.verdict().message()).contains("stream threads died 3 times within 300s");

        // the first death leaves the window five minutes after it happened
        clock.advance(Duration.ofMinutes(1));
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).isTrue();
    }

    @Test
    void deathsSpreadOverLongerThanTheWindowStayHealthy() {
        running();
        for (int i = 0; i < 10; i++) {
            health.threadDied();
            clock.advance(Duration.ofMinutes(3));
        }
        health.lagMeasured(Duration.ZERO);
        assertThat(health.verdict().healthy()).isTrue();
    }

    @Test
    void lagAboveTheBoundTurnsUnhealthy() {
        running();
        health.lagMeasured(Duration.ofSeconds(60));
        assertThat(health.verdict().healthy()).isTrue();

        health.lagMeasured(Duration.ofSeconds(61));
        assertThat(health.verdict().healthy()).isFalse();
        assertThat(health.verdict().message()).contains("oldest unprocessed input is older than 60s").contains("lag=61s");
    }

    @Test
    void aLagThatCannotBeMeasuredForLongerThanTheBoundTurnsUnhealthy() {
        running();
        assertThat(health.verdict().healthy()).as("just started, not measured yet").isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(health.verdict().healthy()).isFalse();

        health.lagMeasured(Duration.ofSeconds(1));
        assertThat(health.verdict().healthy()).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(health.lag()).isEmpty();
        assertThat(health.verdict().healthy()).isFalse();
        assertThat(health.verdict().message()).contains("lag not measured for longer than 60s").contains("lag=unknown");
    }

    @Test
    void withoutALagBoundOnlyThreadsAndStateCount() {
        StreamsHealth slo = new StreamsHealth(StreamsHealth.Rules.of(Duration.ofSeconds(60), Optional.empty()), clock);
        slo.stateChanged(State.RUNNING);
        clock.advance(Duration.ofHours(1));

        assertThat(slo.verdict().healthy()).isTrue();
        assertThat(slo.verdict().message()).doesNotContain("lag");
    }

    private void running() {
        health.stateChanged(State.REBALANCING);
        health.stateChanged(State.RUNNING);
    }

    /** A clock moved by hand. */
    static final class HandClock extends Clock {
        private Instant now;

        HandClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

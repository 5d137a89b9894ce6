package io.firebreak.app.health;

import com.codahale.metrics.health.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;

/** Healthy while the correlation topology runs (RUNNING, or REBALANCING which is transient). */
public final class StreamsHealthCheck extends HealthCheck {

    private final KafkaStreams streams;

    public StreamsHealthCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Result check() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Result.healthy("state=%s", state)
                : Result.unhealthy("state=%s", state);
    }
}

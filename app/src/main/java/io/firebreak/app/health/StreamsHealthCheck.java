package io.firebreak.app.health;

import com.codahale.metrics.health.HealthCheck;

/** {@code /healthcheck} entry of a Kafka Streams application: see {@link StreamsHealth} for the rules. */
public final class StreamsHealthCheck extends HealthCheck {

    private final StreamsHealth health;

    public StreamsHealthCheck(StreamsHealth health) {
        this.health = health;
    }

    @Override
    protected Result check() {
        StreamsHealth.Verdict verdict = health.verdict();
        return verdict.healthy() ? Result.healthy(verdict.message()) : Result.unhealthy(verdict.message());
    }
}

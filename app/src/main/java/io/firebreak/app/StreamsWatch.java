package io.firebreak.app;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.firebreak.app.health.StreamsHealth;
import io.firebreak.app.health.StreamsHealthCheck;
import io.firebreak.app.metrics.StreamsMetrics;
import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.streams.health.InputLag;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /healthcheck} and {@code /metrics} say about one Kafka Streams application: its health (thread deaths,
 * state, lag), {@code firebreak_streams_thread_deaths_total}, the records it could not read, process or write,
 * and — for correlation — how far it lags.
 */
final class StreamsWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsWatch.class);
    /** Often enough that a lag bound of a minute is noticed within seconds; each sample is a few admin requests. */
    private static final Duration LAG_SAMPLE_EVERY = Duration.ofSeconds(5);

    private StreamsWatch() {
    }

    /** Call before {@code streams.start()}: the listeners must be in place when the first thread runs. */
    static StreamsHealth watch(Environment environment, StreamsMetrics metrics, KafkaStreams streams, String name,
                               String healthCheck, RecordFailures failures, StreamsHealth.Rules rules) {
        StreamsHealth health = new StreamsHealth(rules, Clock.systemUTC());
        streams.setStateListener((now, before) -> health.stateChanged(now));
        CounterDataPoint deaths = metrics.watch(name, streams, failures);
        Lifecycle.replaceDeadThreads(streams, name, () -> {
            deaths.inc();
            health.threadDied();
        });
        environment.healthChecks().register(healthCheck, new StreamsHealthCheck(health));
        return health;
    }

    /**
     * {@code firebreak_correlation_lag_seconds}: the age of the oldest input correlation has not processed (see
     * {@link InputLag}), sampled every {@link #LAG_SAMPLE_EVERY} into {@code health}; NaN while unknown.
     */
    static Managed sampleLag(StreamsMetrics metrics, InputLag lag, StreamsHealth health) {
        metrics.correlationLag(() -> health.lag().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "firebreak-correlation-lag");
            thread.setDaemon(true);
            return thread;
        });
        boolean[] failing = {false};
        Runnable sample = () -> {
            try {
                health.lagMeasured(lag.sample());
                if (failing[0]) {
                    LOG.info("event=correlation_lag_available");
                    failing[0] = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (!failing[0]) { // once per outage, not every 5 s; the health check says how long it lasts
                    LOG.warn("event=correlation_lag_unavailable reason=\"{}\"", e.toString());
                    failing[0] = true;
                }
            }
        };
        return Lifecycle.managed(() -> sampler.scheduleWithFixedDelay(sample, 0, LAG_SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS), () -> {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lag.close();
        });
    }
}

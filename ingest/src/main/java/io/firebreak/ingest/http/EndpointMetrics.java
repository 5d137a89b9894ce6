package io.firebreak.ingest.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * The metrics of one ingest endpoint, named {@code firebreak.ingest.<endpoint>.<metric>}:
 * {@code requests.received}, {@code requests.rejected.<error code>}, {@code events.written},
 * {@code write.latency} and, for Alertmanager, {@code alerts.truncated}.
 */
public final class EndpointMetrics {

    private final MetricRegistry registry;
    private final String prefix;
    private final Counter received;
    private final Counter written;
    private final Timer writeLatency;

    public EndpointMetrics(MetricRegistry registry, String endpoint) {
        this.registry = registry;
        this.prefix = MetricRegistry.name("firebreak", "ingest", endpoint);
        this.received = registry.counter(prefix + ".requests.received");
        this.written = registry.counter(prefix + ".events.written");
        this.writeLatency = registry.timer(prefix + ".write.latency");
    }

    public void received() {
        received.inc();
    }

    /** {@code reason} is an error code of {@link io.firebreak.ingest.api.ErrorBody}: a small fixed set. */
    public void rejected(String reason) {
        registry.counter(prefix + ".requests.rejected." + reason).inc();
    }

    public void written(int events) {
        written.inc(events);
    }

    public Timer writeLatency() {
        return writeLatency;
    }

    public void truncatedAlerts(int alerts) {
        registry.counter(prefix + ".alerts.truncated").inc(alerts);
    }
}

package io.firebreak.ingest.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * The metrics of one ingest endpoint, named {@code firebreak.ingest.<endpoint>.<metric>}:
 * {@code requests.received}, {@code requests.rejected.<error code>}, {@code events.written},
 * {@code write.latency}; for Alertmanager {@code alerts.truncated}, for logs {@code lines.rejected}, for callbacks
 * {@code callbacks.ignored}.
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

    /** Log lines refused inside an otherwise accepted {@code /v1/logs} request. */
    public void rejectedLines(int lines) {
        registry.counter(prefix + ".lines.rejected").inc(lines);
    }

    /** Verified callbacks that carry nothing to act on (other event types, incidents firebreak did not open). */
    public void ignored() {
        registry.counter(prefix + ".callbacks.ignored").inc();
    }

    public void truncatedAlerts(int alerts) {
        registry.counter(prefix + ".alerts.truncated").inc(alerts);
    }
}

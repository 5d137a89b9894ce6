package io.firebreak.ingest.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/** One ingest endpoint's share of {@link IngestMetrics}: its {@code endpoint} label bound once. */
public final class EndpointMetrics {

    private final String endpoint;
    private final IngestMetrics metrics;
    private final CounterDataPoint received;
    private final CounterDataPoint written;
    private final DistributionDataPoint writeDuration;

    EndpointMetrics(String endpoint, IngestMetrics metrics) {
        this.endpoint = endpoint;
        this.metrics = metrics;
        this.received = metrics.requests.labelValues(endpoint);
        this.written = metrics.written.labelValues(endpoint);
        this.writeDuration = metrics.writeDuration.labelValues(endpoint);
    }

    public void received() {
        received.inc();
    }

    /** {@code reason} is an error code of {@link io.firebreak.ingest.api.ErrorBody}: a small fixed set. */
    public void rejected(String reason) {
        metrics.rejected.labelValues(endpoint, reason).inc();
    }

    public void written(int events) {
        written.inc(events);
    }

    public DistributionDataPoint writeDuration() {
        return writeDuration;
    }

    /** Log lines refused inside an otherwise accepted {@code /v1/logs} request. */
    public void rejectedLines(int lines) {
        metrics.logLinesRejected.inc(lines);
    }

    /** Verified callbacks that carry nothing to act on (other event types, incidents firebreak did not open). */
    public void ignored() {
        metrics.callbacksIgnored.labelValues(endpoint).inc();
    }

    public void truncatedAlerts(int alerts) {
        metrics.alertsTruncated.inc(alerts);
    }
}

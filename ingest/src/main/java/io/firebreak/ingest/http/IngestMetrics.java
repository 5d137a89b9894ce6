package io.firebreak.ingest.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.LongSupplier;

/**
 * Ingest's series on {@code /metrics}, one family per measurement with the endpoint as a label, so one query covers
 * every sender ({@code sum by (endpoint) (rate(firebreak_ingest_requests_total[5m]))}):
 * <ul>
 *   <li>{@code firebreak_ingest_requests_total{endpoint}} and {@code firebreak_ingest_requests_rejected_total{endpoint, reason}}
 *       ({@code reason} = the error code of the answer, a small fixed set);</li>
 *   <li>{@code firebreak_ingest_events_written_total{endpoint}} and the histogram
 *       {@code firebreak_ingest_write_duration_seconds{endpoint}} (one request's Kafka transaction);</li>
 *   <li>{@code firebreak_ingest_alerts_truncated_total} (alerts Alertmanager left out of its webhooks),
 *       {@code firebreak_ingest_log_lines_rejected_total}, {@code firebreak_ingest_callbacks_ignored_total{endpoint}};</li>
 *   <li>{@code firebreak_ingest_kafka_transactions_total} and {@code firebreak_ingest_kafka_writes_total}: their ratio
 *       is how many requests one transaction carries (group commit).</li>
 * </ul>
 * Registered once per registry; {@link #endpoint} hands each resource its share (the fields are {@link EndpointMetrics}'s).
 */
public final class IngestMetrics {

    /** From a few milliseconds (an idle broker) to the 30 s a Kafka write may wait before the sender gets a 503. */
    static final double[] WRITE_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry;
    final Counter requests;
    final Counter rejected;
    final Counter written;
    final Histogram writeDuration;
    final Counter alertsTruncated;
    final Counter logLinesRejected;
    final Counter callbacksIgnored;

    public IngestMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        this.requests = Counter.builder().name("firebreak_ingest_requests_total")
                .help("Requests answered by an ingest endpoint").labelNames("endpoint").register(registry);
        this.rejected = Counter.builder().name("firebreak_ingest_requests_rejected_total")
                .help("Requests an ingest endpoint refused, by the error code of the answer").labelNames("endpoint", "reason").register(registry);
        this.written = Counter.builder().name("firebreak_ingest_events_written_total")
                .help("Events an ingest endpoint wrote to Kafka").labelNames("endpoint").register(registry);
        this.writeDuration = Histogram.builder().name("firebreak_ingest_write_duration_seconds").unit(Unit.SECONDS)
                .help("Time to write one request's events to Kafka, transaction committed").labelNames("endpoint")
                .classicUpperBounds(WRITE_BUCKETS).classicOnly().register(registry);
        this.alertsTruncated = Counter.builder().name("firebreak_ingest_alerts_truncated_total")
                .help("Alerts Alertmanager left out of its webhooks (truncatedAlerts)").register(registry);
        this.logLinesRejected = Counter.builder().name("firebreak_ingest_log_lines_rejected_total")
                .help("Log lines refused inside otherwise accepted /v1/logs requests").register(registry);
        this.callbacksIgnored = Counter.builder().name("firebreak_ingest_callbacks_ignored_total")
                .help("Verified callbacks that carried nothing to act on").labelNames("endpoint").register(registry);
    }

    /** The series of one endpoint, present at 0 from the start so a rate() over them never starts with a gap. */
    public EndpointMetrics endpoint(String endpoint) {
        requests.initLabelValues(endpoint);
        written.initLabelValues(endpoint);
        writeDuration.initLabelValues(endpoint);
        return new EndpointMetrics(endpoint, this);
    }

    /** The group-commit counters of the Kafka writer, read at scrape time. */
    public void kafkaWriter(LongSupplier transactions, LongSupplier writes) {
        CounterWithCallback.builder().name("firebreak_ingest_kafka_transactions_total")
                .help("Kafka transactions ingest committed (several requests may share one)")
                .callback(callback -> callback.call(transactions.getAsLong())).register(registry);
        CounterWithCallback.builder().name("firebreak_ingest_kafka_writes_total")
                .help("Requests whose events ingest committed to Kafka")
                .callback(callback -> callback.call(writes.getAsLong())).register(registry);
    }
}

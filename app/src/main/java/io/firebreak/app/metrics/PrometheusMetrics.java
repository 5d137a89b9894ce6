package io.firebreak.app.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The Prometheus registry behind {@code /metrics}: the JVM and process collectors of the Prometheus Java client
 * ({@code jvm_*}, {@code process_*}) plus what the roles register with their final names: {@code firebreak_*} for
 * firebreak itself, {@code slo_*} and {@code alert_*} for what the seed's global view federates.
 *
 * <p>Every role registers native instruments of the Prometheus client (counters, histograms, callbacks) instead of
 * Dropwizard metrics mapped onto names: a Dropwizard timer is a decaying-reservoir summary that cannot become a
 * histogram with buckets, its exporter types cumulative counts as gauges and emits one family per Dropwizard name, so
 * labels would have needed a re-grouping exporter of our own. Dropwizard's own metrics (Jetty, its JVM view) stay on
 * the admin port.
 */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    public static PrometheusRegistry create() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }
}

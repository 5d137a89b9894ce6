package io.firebreak.app.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus registry behind {@code /metrics}: firebreak's own Dropwizard metrics as {@code firebreak_*}
 * series (JVM and Jetty internals stay on the admin port), plus whatever the roles register (SLO and alert
 * series, MTTx histograms).
 */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    public static PrometheusRegistry create(MetricRegistry dropwizard) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder()
                .dropwizardRegistry(dropwizard)
                .metricFilter((name, metric) -> name.startsWith("firebreak.") || name.startsWith("notifier."))
                // notifier.<channel>.<what> → firebreak_notifier_<channel>_<what>: the exporter emits one family per
                // Dropwizard metric, so a channel label would collide across channels; the name carries it instead
                .customLabelMapper(new CustomLabelMapper(List.of(
                        new MapperConfig("notifier.*.*", "firebreak_notifier_${0}_${1}", Map.of()))))
                .register(registry);
        return registry;
    }
}

package io.firebreak.postmortem;

import io.firebreak.postmortem.metrics.PromQl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code postmortem:} block of the configuration (DESIGN §12), built by the app's {@code PostmortemConfig}, where
 * its defaults are written.
 *
 * @param lokiUrl        Loki base URL; when present the top matching log lines are fetched and attached
 * @param grafanaUrl     Grafana base URL; when present every log query gets an Explore deep link
 * @param lokiDatasource UID of the Loki datasource in Grafana (Explore links need the UID, not the name)
 * @param padding        how far the log window reaches before the start and after the end of the incident
 * @param maxLogLines    how many log lines to attach per query (Loki {@code limit})
 * @param prometheusDatasource UID of the Prometheus datasource in Grafana, for the metric queries' Explore links
 * @param metricQueries  PromQL templates rendered for every service of the incident (default: Coroot's metric names)
 */
public record PostmortemSettings(Optional<URI> lokiUrl, Optional<URI> grafanaUrl, String lokiDatasource,
                                 Duration padding, int maxLogLines, String prometheusDatasource, List<PromQl.Template> metricQueries) {

    public static final String DEFAULT_PROMETHEUS_DATASOURCE = "prometheus";

    /** Coroot's metrics on a datasource with the UID {@code prometheus}. */
    public PostmortemSettings(Optional<URI> lokiUrl, Optional<URI> grafanaUrl, String lokiDatasource, Duration padding, int maxLogLines) {
        this(lokiUrl, grafanaUrl, lokiDatasource, padding, maxLogLines, DEFAULT_PROMETHEUS_DATASOURCE, PromQl.COROOT_DEFAULTS);
    }

    public PostmortemSettings {
        Objects.requireNonNull(lokiUrl, "lokiUrl");
        Objects.requireNonNull(grafanaUrl, "grafanaUrl");
        Objects.requireNonNull(lokiDatasource, "lokiDatasource");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(prometheusDatasource, "prometheusDatasource");
        metricQueries = List.copyOf(metricQueries);
        if (padding.isNegative()) {
            throw new IllegalArgumentException("postmortem.padding must not be negative, got " + padding);
        }
        // Loki caps a query's entries (max_entries_limit_per_query, 5000 by default); a postmortem wants a snippet.
        if (maxLogLines < 0 || maxLogLines > 1000) {
            throw new IllegalArgumentException("postmortem.maxLogLines must be within 0..1000, got " + maxLogLines);
        }
    }
}

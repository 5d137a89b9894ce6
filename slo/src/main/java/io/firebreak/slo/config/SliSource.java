package io.firebreak.slo.config;

import java.net.URI;
import java.time.Duration;

/** Where an SLO's good/total counts come from. */
public sealed interface SliSource {

    /** Structured logs on {@code firebreak.logs.v1}, each record judged by {@code indicator}. */
    record Logs(Indicator indicator) implements SliSource {
    }

    /**
     * A Prometheus HTTP API query pair polled every {@code interval}. Each query should return the increase of
     * a counter over the interval; {@code $interval} in a query is replaced by the interval (e.g. {@code 30s}):
     * {@code sum(increase(http_requests_total{code!~"5.."}[$interval]))}.
     */
    record Prometheus(URI url, String goodQuery, String totalQuery, Duration interval, Duration timeout) implements SliSource {
    }
}

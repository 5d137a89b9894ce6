package io.firebreak.slo.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How one log record counts for an SLO computed from {@code firebreak.logs.v1}. A record that does not carry the
 * indicator's field is not an event of the SLO at all (a startup log line is neither a good nor a bad request).
 */
public sealed interface Indicator {

    /** YAML name of the indicator, e.g. {@code latency}. */
    String kind();

    /** Good = the record's latency ≤ {@code threshold}. {@code percentile} only restates the seed's "p99" phrasing. */
    record Latency(Duration threshold, Optional<Double> percentile, String field) implements Indicator {
        @Override
        public String kind() {
            return "latency";
        }
    }

    /** Bad = the status field is one of {@code badStatuses} (case-insensitive), e.g. ERROR, REJECTED. */
    record Errors(Set<String> badStatuses, String field) implements Indicator {
        @Override
        public String kind() {
            return "errors";
        }
    }

    /**
     * Bad = the request was not served: the status field is one of {@code badStatuses} (default ERROR,
     * UNAVAILABLE, TIMEOUT) or, when {@code serverErrors}, a numeric 5xx code (in the field or in the
     * {@code status_code} / {@code http_status} fields). A REJECTED order was served, so it is not bad here.
     */
    record Availability(Set<String> badStatuses, boolean serverErrors, String field) implements Indicator {
        @Override
        public String kind() {
            return "availability";
        }
    }

    /** Good = the gauge-like {@code field} (e.g. cpu_utilization) is below {@code threshold}; each sample is one event. */
    record Saturation(String field, double threshold) implements Indicator {
        @Override
        public String kind() {
            return "saturation";
        }
    }
}

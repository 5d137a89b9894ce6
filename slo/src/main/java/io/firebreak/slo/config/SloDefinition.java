package io.firebreak.slo.config;

import java.time.Duration;
import java.util.Optional;

/**
 * One SLO as loaded and validated.
 *
 * @param objective as a ratio (0.999 for the YAML's {@code objective: 99.9})
 * @param cluster   the cluster its burn alerts are keyed by; when empty, the cluster of the latest log record
 * @param origin    {@code file:line} of its definition, for messages
 */
public record SloDefinition(String name, String service, double objective, Duration period, SliSource source,
                            Optional<String> cluster, String description, String origin) {

    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    /** 99.9 → 0.999 without binary noise (99.9 / 100 is 0.9990000000000001, which would skew the budget). */
    public static double ratio(double percent) {
        return java.math.BigDecimal.valueOf(percent).movePointLeft(2).doubleValue();
    }

    /** The error budget 1 − objective, computed in decimal so 0.999 gives exactly 0.001. */
    public double errorBudget() {
        return java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(objective)).doubleValue();
    }

    /** A log-sourced SLO with the default 30d period, as tests and examples write it. */
    public static SloDefinition ofLogs(String name, String service, double objectivePercent, Indicator indicator) {
        return new SloDefinition(name, service, ratio(objectivePercent), DEFAULT_PERIOD, new SliSource.Logs(indicator),
                Optional.empty(), "", "code");
    }
}

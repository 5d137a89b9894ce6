package io.firebreak.slo;

import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.config.SloDefinition;
import io.firebreak.slo.logalerts.LogAlertRule;
import java.time.Duration;
import java.util.List;

/**
 * What the SLO engine runs with.
 *
 * @param evaluateEvery how often (wall clock) every SLO is evaluated and its BurnRate published
 * @param grace         how long after its 1-minute bucket has closed an event is still counted; later ones are
 *                      dropped (and counted as dropped)
 * @param observer      told about dropped events (metrics)
 * @param logAlerts     the {@code logAlerts:} rules, evaluated on the same clock as the SLOs
 */
public record SloSettings(List<SloDefinition> slos, Duration evaluateEvery, Duration grace, AlertPolicy alerts,
                          SliEventObserver observer, List<LogAlertRule> logAlerts) {

    public static final Duration DEFAULT_EVALUATE_EVERY = Duration.ofSeconds(10);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);

    public SloSettings {
        slos = List.copyOf(slos);
        logAlerts = List.copyOf(logAlerts);
        if (evaluateEvery.isNegative() || evaluateEvery.isZero()) {
            throw new IllegalArgumentException("evaluateEvery must be positive");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
    }

    public static SloSettings of(List<SloDefinition> slos) {
        return new SloSettings(slos, DEFAULT_EVALUATE_EVERY, DEFAULT_GRACE, AlertPolicy.defaults(), SliEventObserver.NONE, List.of());
    }

    public SloSettings withEvaluateEvery(Duration every) {
        return new SloSettings(slos, every, grace, alerts, observer, logAlerts);
    }

    public SloSettings withGrace(Duration newGrace) {
        return new SloSettings(slos, evaluateEvery, newGrace, alerts, observer, logAlerts);
    }

    public SloSettings withAlerts(AlertPolicy policy) {
        return new SloSettings(slos, evaluateEvery, grace, policy, observer, logAlerts);
    }

    public SloSettings withObserver(SliEventObserver newObserver) {
        return new SloSettings(slos, evaluateEvery, grace, alerts, newObserver, logAlerts);
    }

    public SloSettings withLogAlerts(List<LogAlertRule> rules) {
        return new SloSettings(slos, evaluateEvery, grace, alerts, observer, rules);
    }
}

package io.firebreak.slo;

import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.slo.burn.AlertKind;
import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.burn.AlertTier;
import io.firebreak.slo.burn.ErrorBudget;
import io.firebreak.slo.burn.TierOutcome;
import io.firebreak.slo.burn.WindowCounts;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.config.SloDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Burn alerts as Signals on {@code firebreak.signals.v1}: a fast burn (page) is CRITICAL, a slow burn (ticket) HIGH
 * (DESIGN §7). The fingerprint {@code slo:<name>:page|ticket} is stable, so the correlation dedups a re-sent
 * firing and matches the RESOLVED to it.
 */
final class BurnSignals {

    static final String ALERT_NAME = "SloErrorBudgetBurn";

    private final SloDefinition slo;
    private final AlertPolicy policy;
    private final String cluster;
    private final ErrorBudget budget;
    private final double remaining;
    private final Map<Duration, WindowCounts> windows;
    private final long now;

    BurnSignals(SloDefinition slo, AlertPolicy policy, String cluster, ErrorBudget budget, double remaining, Map<Duration, WindowCounts> windows, long now) {
        this.slo = slo;
        this.policy = policy;
        this.cluster = cluster;
        this.budget = budget;
        this.remaining = remaining;
        this.windows = windows;
        this.now = now;
    }

    static String fingerprint(String slo, AlertKind kind) {
        return "slo:" + slo + ":" + kind.label();
    }

    Signal firing(AlertKind kind, TierOutcome outcome, long since) {
        AlertTier tier = outcome.tier();
        String summary = String.format(Locale.ROOT, "%s burning error budget %sx (%s) / %sx (%s)", slo.name(),
                rate(outcome.longRate()), Durations.label(tier.longWindow()), rate(outcome.shortRate()), Durations.label(tier.shortWindow()));
        return signal(kind, tier, SignalStatus.FIRING, summary, since)
                .setDescription(String.format(Locale.ROOT, "%s (%s): burn rate above %sx on both %s and %s; objective %s%% over %s; %s%% of the error budget left",
                        slo.name(), slo.service(), number(tier.burnRate()), Durations.label(tier.longWindow()),
                        Durations.label(tier.shortWindow()), percent(slo.objective()), Durations.label(slo.period()), String.format(Locale.ROOT, "%.1f", remaining * 100)))
                .build();
    }

    Signal resolved(AlertKind kind, SloState.ActiveAlert was) {
        AlertTier tier = tierNamed(kind, was.tier());
        String summary = String.format(Locale.ROOT, "%s error budget burn back under %sx (%s %sx / %s %sx)", slo.name(),
                number(tier.burnRate()), Durations.label(tier.longWindow()), rate(rateOf(tier.longWindow())),
                Durations.label(tier.shortWindow()), rate(rateOf(tier.shortWindow())));
        return signal(kind, tier, SignalStatus.RESOLVED, summary, was.since())
                .setEndsAt(Instant.ofEpochMilli(now))
                .build();
    }

    private Signal.Builder signal(AlertKind kind, AlertTier tier, SignalStatus status, String summary, long since) {
        String severity = kind == AlertKind.PAGE ? "critical" : "high";
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", ALERT_NAME);
        labels.put("slo", slo.name());
        labels.put("service", slo.service());
        labels.put("cluster", cluster);
        labels.put("severity", severity);
        labels.put("alert", kind.label());
        labels.put("tier", tier.name());
        labels.put("window", Durations.label(tier.longWindow()) + "/" + Durations.label(tier.shortWindow()));
        labels.put("long_window", Durations.label(tier.longWindow()));
        labels.put("short_window", Durations.label(tier.shortWindow()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("objective", String.valueOf(slo.objective()));
        annotations.put("burn_rate_threshold", number(tier.burnRate()));
        annotations.put("burn_rate_long", rate(rateOf(tier.longWindow())));
        annotations.put("burn_rate_short", rate(rateOf(tier.shortWindow())));
        annotations.put("error_budget_remaining", String.valueOf(remaining));
        annotations.put("first_exceeded", Instant.ofEpochMilli(since).toString());
        String fingerprint = fingerprint(slo.name(), kind);
        return Signal.newBuilder()
                .setId(fingerprint + ":" + status.name().toLowerCase(Locale.ROOT) + ":" + now)
                .setFingerprint(fingerprint)
                .setSource(SignalSource.SLO)
                .setStatus(status)
                .setSeverity(kind == AlertKind.PAGE ? Severity.CRITICAL : Severity.HIGH)
                .setCluster(cluster)
                .setService(slo.service())
                .setAlertName(ALERT_NAME)
                .setSummary(summary)
                .setLabels(labels)
                .setAnnotations(annotations)
                .setStartsAt(Instant.ofEpochMilli(since))
                .setReceivedAt(Instant.ofEpochMilli(now))
                .setSlo(slo.name());
    }

    private OptionalDouble rateOf(Duration window) {
        return budget.burnRate(windows.getOrDefault(window, WindowCounts.EMPTY));
    }

    /** The tier an alert fired for; if a config change removed it since, another tier of its kind stands in. */
    private AlertTier tierNamed(AlertKind kind, String name) {
        return policy.tiers().stream().filter(t -> t.kind() == kind && t.name().equals(name)).findFirst()
                .or(() -> policy.tiers().stream().filter(t -> t.kind() == kind).findFirst())
                .orElseGet(() -> new AlertTier(name, kind, Duration.ofHours(1), Duration.ofMinutes(5), 14.4));
    }

    private static String rate(OptionalDouble rate) {
        return rate.isPresent() ? String.format(Locale.ROOT, "%.1f", rate.getAsDouble()) : "n/a";
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String percent(double ratio) {
        return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString();
    }
}

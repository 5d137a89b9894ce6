package io.firebreak.slo.burn;

import io.firebreak.slo.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Burn rates per window and multiwindow, multi-burn-rate alert evaluation (contract: slo-burn-rate.md). */
public final class BurnMath {

    /** The windows every BurnRate reports: 5m, 30m, 1h, 2h, 6h, 24h, 3d. */
    public static final List<Duration> STANDARD_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(3));

    private BurnMath() {
    }

    /** Window label → burn rate; a window without events is absent, never 0 and never NaN. */
    public static Map<String, Double> burnRates(ErrorBudget budget, Map<Duration, WindowCounts> windows) {
        Map<String, Double> rates = new LinkedHashMap<>();
        windows.forEach((window, counts) -> budget.burnRate(counts).ifPresent(rate -> rates.put(Durations.label(window), rate)));
        return rates;
    }

    /**
     * One tier: FIRING when br(long) > T and br(short) > T; CLEAR when either window with data is at or below T
     * (the contract resolves when either window drops below); NO_DATA otherwise. The short window counts as empty
     * below {@code minShortWindowEvents} valid events.
     */
    public static TierOutcome evaluate(AlertTier tier, ErrorBudget budget, Map<Duration, WindowCounts> windows, long minShortWindowEvents) {
        WindowCounts shortCounts = windows.getOrDefault(tier.shortWindow(), WindowCounts.EMPTY);
        OptionalDouble longRate = budget.burnRate(windows.getOrDefault(tier.longWindow(), WindowCounts.EMPTY));
        OptionalDouble shortRate = shortCounts.total() < minShortWindowEvents ? OptionalDouble.empty() : budget.burnRate(shortCounts);
        TierOutcome.Verdict verdict;
        if (longRate.isPresent() && shortRate.isPresent() && longRate.getAsDouble() > tier.burnRate() && shortRate.getAsDouble() > tier.burnRate()) {
            verdict = TierOutcome.Verdict.FIRING;
        } else if ((longRate.isPresent() && longRate.getAsDouble() <= tier.burnRate())
                || (shortRate.isPresent() && shortRate.getAsDouble() <= tier.burnRate())) {
            verdict = TierOutcome.Verdict.CLEAR;
        } else {
            verdict = TierOutcome.Verdict.NO_DATA;
        }
        return new TierOutcome(tier, verdict, longRate, budget.burnRate(shortCounts));
    }

    /**
     * One alert kind: active when any of its tiers fires; inactive when every tier is CLEAR; otherwise it keeps
     * its previous state. Holding on missing data is deliberate: a service that stops logging mid-outage must not
     * resolve its page (and a quiet service never starts one).
     */
    public static AlertDecision decide(AlertKind kind, boolean wasActive, AlertPolicy policy, ErrorBudget budget,
                                       Map<Duration, WindowCounts> windows) {
        List<TierOutcome> outcomes = new ArrayList<>();
        for (AlertTier tier : policy.tiers()) {
            if (tier.kind() == kind) {
                outcomes.add(evaluate(tier, budget, windows, policy.minShortWindowEvents()));
            }
        }
        Optional<TierOutcome> firing = outcomes.stream().filter(o -> o.verdict() == TierOutcome.Verdict.FIRING).findFirst();
        boolean allClear = outcomes.stream().allMatch(o -> o.verdict() == TierOutcome.Verdict.CLEAR);
        boolean active = firing.isPresent() || (wasActive && !allClear);
        return new AlertDecision(kind, active, firing, List.copyOf(outcomes));
    }
}

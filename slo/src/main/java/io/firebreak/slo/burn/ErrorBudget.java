package io.firebreak.slo.burn;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * The contract's maths (shared/contracts/slo-burn-rate.md) for one objective. An empty window has no error
 * ratio and no burn rate: no traffic is neither 0 % nor 100 % bad, and nothing may alert on it.
 *
 * @param objective as a ratio, e.g. 0.999
 */
public record ErrorBudget(double objective) {

    public ErrorBudget {
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("objective must be a ratio in (0, 1), got " + objective);
        }
    }

    /** B = 1 − O, in decimal so 0.999 gives exactly 0.001. */
    public double budget() {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)).doubleValue();
    }

    /** e(w) = bad / valid; empty when the window saw no valid event. */
    public OptionalDouble errorRatio(WindowCounts window) {
        return window.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of((double) window.bad() / window.total());
    }

    /** br(w) = e(w) / B; 1.0 spends the budget exactly over the period. Empty for an empty window. */
    public OptionalDouble burnRate(WindowCounts window) {
        OptionalDouble error = errorRatio(window);
        return error.isPresent() ? OptionalDouble.of(error.getAsDouble() / budget()) : OptionalDouble.empty();
    }

    /**
     * 1 − e(P) / B over the period's counts; negative once overspent. When the period is not fully covered (the
     * engine started less than a period ago, or older buckets are gone) it is the ratio over the covered part,
     * not extrapolated; with no events at all the whole budget remains (1.0).
     */
    public double remaining(WindowCounts period) {
        OptionalDouble error = errorRatio(period);
        return error.isPresent() ? 1.0 - error.getAsDouble() / budget() : 1.0;
    }
}

package io.firebreak.slo.burn;

import java.util.OptionalDouble;

/** One tier evaluated: its verdict and the burn rates it saw (empty = no data in that window). */
public record TierOutcome(AlertTier tier, Verdict verdict, OptionalDouble longRate, OptionalDouble shortRate) {

    public enum Verdict {
        /** both windows have data and burn faster than the tier's rate */
        FIRING,
        /** a window with data burns at or below the tier's rate */
        CLEAR,
        /** not enough data to say either */
        NO_DATA
    }
}

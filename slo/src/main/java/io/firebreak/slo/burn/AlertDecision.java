package io.firebreak.slo.burn;

import java.util.List;
import java.util.Optional;

/**
 * The state of one alert kind after an evaluation.
 *
 * @param firing the tier that makes it fire now (the first firing tier in policy order), empty when it is
 *               inactive or only held for lack of data
 * @param tiers  every tier of this kind as evaluated
 */
public record AlertDecision(AlertKind kind, boolean active, Optional<TierOutcome> firing, List<TierOutcome> tiers) {

    public boolean changedFrom(boolean wasActive) {
        return active != wasActive;
    }
}

package io.firebreak.slo.burn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorBudgetTest {

    private final ErrorBudget threeNines = new ErrorBudget(0.999);

    @Test
    void budgetIsOneMinusObjectiveWithoutBinaryNoise() {
        assertThat(threeNines.budget()).isEqualTo(0.001);
        assertThat(new ErrorBudget(0.9999).budget()).isEqualTo(0.0001);
    }

    @Test
    void onePointFourFourPercentErrorsOverAnHourAtThreeNinesIsBurnRateFourteenPointFour() {
        WindowCounts hour = new WindowCounts(100_000 - 1_440, 100_000);
        assertThat(threeNines.errorRatio(hour).getAsDouble()).isEqualTo(0.0144);
        assertThat(threeNines.burnRate(hour).getAsDouble()).isCloseTo(14.4, within(1e-9));
    }

    @Test
    void fourNinesBurnsTenTimesFasterOnTheSameErrors() {
        WindowCounts window = new WindowCounts(9_990, 10_000);
        assertThat(new ErrorBudget(0.9999).burnRate(window).getAsDouble()).isCloseTo(10.0, within(1e-9));
        assertThat(threeNines.burnRate(window).getAsDouble()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void emptyWindowHasNoErrorRatioAndNoBurnRateNeitherZeroNorHundredPercent() {
        assertThat(threeNines.errorRatio(WindowCounts.EMPTY)).isEmpty();
        assertThat(threeNines.burnRate(WindowCounts.EMPTY)).isEmpty();
    }

    @Test
    void allGoodIsBurnRateZero() {
        assertThat(threeNines.burnRate(new WindowCounts(50, 50)).getAsDouble()).isZero();
    }

    @Test
    void budgetRemainingIsOneMinusPeriodErrorRatioOverBudget() {
        assertThat(threeNines.remaining(new WindowCounts(999_500, 1_000_000))).isCloseTo(0.5, within(1e-9));
        assertThat(threeNines.remaining(new WindowCounts(1_000_000, 1_000_000))).isEqualTo(1.0);
    }

    @Test
    void budgetRemainingGoesNegativeWhenOverspent() {
        assertThat(threeNines.remaining(new WindowCounts(997_000, 1_000_000))).isCloseTo(-2.0, within(1e-9));
    }

    @Test
    void noTrafficInThePeriodLeavesTheWholeBudget() {
        assertThat(threeNines.remaining(WindowCounts.EMPTY)).isEqualTo(1.0);
    }
}

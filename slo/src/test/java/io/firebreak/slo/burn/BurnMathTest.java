package io.firebreak.slo.burn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BurnMathTest {

    private static final Duration M5 = Duration.ofMinutes(5);
    private static final Duration H1 = Duration.ofHours(1);
    private final ErrorBudget budget = new ErrorBudget(0.999);
    private final AlertPolicy policy = AlertPolicy.defaults();
    private final AlertTier fastPage = policy.tiers().get(0);

    private static Map<Duration, WindowCounts> windows(Object... pairs) {
        Map<Duration, WindowCounts> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Duration) pairs[i], (WindowCounts) pairs[i + 1]);
        }
        return map;
    }

    /** {@code bad} of 1000 events. */
    private static WindowCounts bad(int bad) {
        return new WindowCounts(1000 - bad, 1000);
    }

    @Test
    void fastPageFiresWhenBothWindowsBurnAboveFourteenPointFour() {
        TierOutcome outcome = BurnMath.evaluate(fastPage, budget, windows(H1, bad(15), M5, bad(20)), 10);
        assertThat(outcome.verdict()).isEqualTo(TierOutcome.Verdict.FIRING);
        assertThat(outcome.longRate().getAsDouble()).isGreaterThan(14.4);
    }

    @Test
    void aShortSpikeAloneDoesNotFireTheLongWindowMustAgree() {
        assertThat(BurnMath.evaluate(fastPage, budget, windows(H1, bad(10), M5, bad(500)), 10).verdict())
                .isEqualTo(TierOutcome.Verdict.CLEAR);
    }

    @Test
    void exactlyAtTheThresholdDoesNotFire() {
        WindowCounts atThreshold = new WindowCounts(100_000 - 1_440, 100_000);
        TierOutcome outcome = BurnMath.evaluate(fastPage, budget, windows(H1, atThreshold, M5, atThreshold), 10);
        assertThat(outcome.verdict()).isNotEqualTo(TierOutcome.Verdict.FIRING);
    }

    @Test
    void emptyShortWindowIsNoDataNeverAnAlert() {
        assertThat(BurnMath.evaluate(fastPage, budget, windows(H1, bad(900), M5, WindowCounts.EMPTY), 10).verdict())
                .isEqualTo(TierOutcome.Verdict.NO_DATA);
    }

    @Test
    void shortWindowBelowTheMinimumTrafficCountsAsNoData() {
        assertThat(BurnMath.evaluate(fastPage, budget, windows(H1, bad(900), M5, new WindowCounts(0, 3)), 10).verdict())
                .isEqualTo(TierOutcome.Verdict.NO_DATA);
    }

    @Test
    void burnRatesLeaveEmptyWindowsOut() {
        Map<String, Double> rates = BurnMath.burnRates(budget, windows(H1, bad(1), M5, WindowCounts.EMPTY));
        assertThat(rates).containsOnlyKeys("1h");
        assertThat(rates.get("1h")).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void pageResolvesWhenTheShortWindowRecoversEvenIfTheLongStillBurns() {
        Map<Duration, WindowCounts> recovering = windows(H1, bad(100), M5, bad(0), Duration.ofHours(6), bad(1),
                Duration.ofMinutes(30), bad(0));
        assertThat(BurnMath.decide(AlertKind.PAGE, true, policy, budget, recovering).active()).isFalse();
    }

    @Test
    void firingPageIsHeldWhileItsWindowsHaveNoData() {
        Map<Duration, WindowCounts> silent = windows(H1, bad(100), Duration.ofHours(6), bad(100));
        assertThat(BurnMath.decide(AlertKind.PAGE, true, policy, budget, silent).active()).isTrue();
        assertThat(BurnMath.decide(AlertKind.PAGE, false, policy, budget, silent).active()).isFalse();
    }

    @Test
    void slowTicketFiresOnOneTimesBudgetOverThreeDaysAndSixHours() {
        Map<Duration, WindowCounts> slow = windows(Duration.ofDays(3), bad(2), Duration.ofHours(6), bad(2),
                Duration.ofHours(24), bad(2), Duration.ofHours(2), bad(2));
        AlertDecision ticket = BurnMath.decide(AlertKind.TICKET, false, policy, budget, slow);
        assertThat(ticket.active()).isTrue();
        assertThat(ticket.firing().orElseThrow().tier().name()).isEqualTo("slow_ticket");
    }

    @Test
    void defaultPolicyReportsTheContractWindows() {
        assertThat(policy.windows()).containsExactlyElementsOf(BurnMath.STANDARD_WINDOWS);
        assertThat(policy.longestWindow()).isEqualTo(Duration.ofDays(3));
    }
}

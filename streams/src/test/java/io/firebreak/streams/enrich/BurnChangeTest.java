package io.firebreak.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.BurnSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BurnChangeTest {

    @org.junit.jupiter.api.BeforeAll
    static void trustEventClasses() {
        // built without a topic or serde, so nothing else has told Avro to trust the generated classes yet
        io.firebreak.schemas.TrustedPackages.trustEvents();
    }

    private static BurnSnapshot snapshot(String slo, double fiveMinutes, double oneHour, double budget) {
        return BurnSnapshot.newBuilder().setSlo(slo).setService("trade-engine")
                .setRates(Map.of("5m", fiveMinutes, "1h", oneHour)).setBudgetRemaining(budget).build();
    }

    @Test
    void ratesMovingLessThanOnePercentAreNoise() {
        assertThat(BurnChange.meaningful(List.of(snapshot("a", 30.0, 20.0, 0.6)), List.of(snapshot("a", 30.2, 20.1, 0.605)))).isFalse();
        assertThat(BurnChange.meaningful(List.of(snapshot("a", 0.001, 0.0, 1.0)), List.of(snapshot("a", 0.004, 0.002, 1.0)))).isFalse();
    }

    @Test
    void ratesMovingMoreThanOnePercentOrTheBudgetMovingAPointAreAChange() {
        assertThat(BurnChange.meaningful(List.of(snapshot("a", 30.0, 20.0, 0.6)), List.of(snapshot("a", 30.5, 20.0, 0.6)))).isTrue();
        assertThat(BurnChange.meaningful(List.of(snapshot("a", 30.0, 20.0, 0.6)), List.of(snapshot("a", 30.0, 20.0, 0.58)))).isTrue();
    }

    @Test
    void anAlertLevelCrossingIsAChangeEvenWhenTheRatesBarelyMoved() {
        List<BurnSnapshot> below = List.of(snapshot("a", 20.0, 14.39, 0.6));
        List<BurnSnapshot> above = List.of(snapshot("a", 20.0, 14.41, 0.6));
        assertThat(BurnChange.meaningful(below, above)).isTrue();
        assertThat(BurnChange.news(below, above)).hasValueSatisfying(n -> assertThat(n).startsWith("SLO burn alert a: none -> page"));
    }

    @Test
    void anSloAppearingIsNewsAndDriftIsNot() {
        assertThat(BurnChange.meaningful(List.of(), List.of(snapshot("a", 1, 1, 1)))).isTrue();
        assertThat(BurnChange.news(List.of(), List.of(snapshot("a", 30.0, 20.0, 0.62))))
                .contains("SLO burn data arrived: a: 5m 30.0x, 1h 20.0x, budget 62% left");
        assertThat(BurnChange.news(List.of(snapshot("a", 30.0, 20.0, 0.6)), List.of(snapshot("a", 40.0, 25.0, 0.5)))).isEmpty();
        assertThat(BurnChange.meaningful(List.of(), List.of())).isFalse();
    }

    @Test
    void alertLevelFollowsTheMultiwindowRulesOfDesign8() {
        assertThat(Burn.alertLevel(BurnSnapshot.newBuilder().setSlo("a").setRates(Map.of("1h", 14.4, "5m", 15.0)).build())).isEqualTo("page");
        assertThat(Burn.alertLevel(BurnSnapshot.newBuilder().setSlo("a").setRates(Map.of("6h", 6.0, "30m", 7.0)).build())).isEqualTo("page");
        assertThat(Burn.alertLevel(BurnSnapshot.newBuilder().setSlo("a").setRates(Map.of("24h", 3.0, "2h", 3.5)).build())).isEqualTo("ticket");
        assertThat(Burn.alertLevel(BurnSnapshot.newBuilder().setSlo("a").setRates(Map.of("3d", 1.0, "6h", 1.2)).build())).isEqualTo("ticket");
        assertThat(Burn.alertLevel(BurnSnapshot.newBuilder().setSlo("a").setRates(Map.of("1h", 20.0, "5m", 2.0)).build())).isEqualTo("none");
    }
}

package io.firebreak.slo.logalerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.events.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogAlertStateTest {

    private static final LogAlertRule RULE = new LogAlertRule("RiskLimitRejections", Optional.of("risk-service"),
            Map.of("status", List.of("RISK_LIMIT")), 50, Duration.ofMinutes(5), Severity.HIGH);
    private static final long T0 = 1_800_000_000_000L;

    /** {@code lines} lines one second apart from {@code from}, judged as they arrive; the changes they caused. */
    private record Run(LogAlertState state, List<LogAlertState.Change> changes) {
    }

    private static Run lines(LogAlertState state, int lines, long from) {
        List<LogAlertState.Change> changes = new java.util.ArrayList<>();
        for (int i = 0; i < lines; i++) {
            long at = from + i * 1000L;
            LogAlertState.Step step = state.counted(RULE, at, at);
            step.change().ifPresent(changes::add);
            state = step.next();
        }
        return new Run(state, changes);
    }

    @Test
    void firesOnceWhenTheCountReachesTheThresholdAndStaysQuietWhileAbove() {
        Run run = lines(LogAlertState.quiet(RULE, "oci-fra-1", "risk-service"), 60, T0);

        assertThat(run.changes()).hasSize(1);
        LogAlertState.Change fired = run.changes().get(0);
        assertThat(fired.firing()).isTrue();
        assertThat(fired.lines()).isEqualTo(50);
        assertThat(fired.startsAt()).isEqualTo(T0 + 49_000); // the 50th line started the episode
        assertThat(fired.severity()).isEqualTo(Severity.HIGH);
        assertThat(run.state().firing()).isTrue();
    }

    @Test
    void belowTheThresholdNothingFires() {
        Run run = lines(LogAlertState.quiet(RULE, "oci-fra-1", "risk-service"), 49, T0);

        assertThat(run.changes()).isEmpty();
        assertThat(run.state().evaluated(RULE, T0 + 60_000).change()).isEmpty();
    }

    @Test
    void linesSpreadWiderThanTheWindowDoNotAddUp() {
        LogAlertState state = LogAlertState.quiet(RULE, "oci-fra-1", "risk-service");
        List<LogAlertState.Change> changes = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) { // one line every 10 s: 30 per 5 minutes at most
            long at = T0 + i * 10_000L;
            LogAlertState.Step step = state.counted(RULE, at, at);
            step.change().ifPresent(changes::add);
            state = step.next();
        }
        assertThat(changes).isEmpty();
        assertThat(state.lines().count(RULE.within(), T0 + 990_000)).isBetween(30L, 31L);
    }

    @Test
    void resolvesWithTheEpisodeStartWhenTheWindowFallsBelowTheThreshold() {
        Run run = lines(LogAlertState.quiet(RULE, "oci-fra-1", "risk-service"), 60, T0);
        long lastLine = T0 + 59_000;

        assertThat(run.state().evaluated(RULE, lastLine + 60_000).change()).as("all 60 lines still in the window").isEmpty();
        LogAlertState.Step later = run.state().evaluated(RULE, lastLine + Duration.ofMinutes(5).toMillis());
        assertThat(later.change()).hasValueSatisfying(change -> {
            assertThat(change.firing()).isFalse();
            assertThat(change.startsAt()).isEqualTo(T0 + 49_000);
            assertThat(change.lines()).isLessThan(50);
        });
        assertThat(later.next().firing()).isFalse();
        assertThat(later.next().evaluated(RULE, lastLine + Duration.ofMinutes(11).toMillis()).next().idle()).isTrue();
    }

    @Test
    void aLineOlderThanTheWindowDoesNotCount() {
        long now = T0 + Duration.ofHours(1).toMillis();
        LogAlertState state = LogAlertState.quiet(RULE, "oci-fra-1", "risk-service");
        for (int i = 0; i < 200; i++) {
            state = state.counted(RULE, T0 + i, now).next(); // a replay of an hour ago
        }
        assertThat(state.idle()).isTrue();
    }

    @Test
    void aLineFromTheFutureCountsNow() {
        LogAlertState state = LogAlertState.quiet(RULE, "oci-fra-1", "risk-service");
        LogAlertState.Step step = null;
        for (int i = 0; i < 50; i++) {
            step = state.counted(RULE, T0 + Duration.ofHours(2).toMillis(), T0);
            state = step.next();
        }
        assertThat(step.change()).hasValueSatisfying(change -> assertThat(change.startsAt()).isEqualTo(T0));
    }

    @Test
    void keepsAboutSixtyBucketsWhateverTheLogRate() {
        LogAlertState state = LogAlertState.quiet(RULE, "oci-fra-1", "risk-service");
        for (int i = 0; i < 20_000; i++) { // an hour at 5.5 lines per second
            long at = T0 + i * 180L;
            state = state.counted(RULE, at, at).next();
        }
        assertThat(state.lines().buckets()).hasSizeLessThanOrEqualTo(LineCounts.BUCKETS_PER_WINDOW + 1);
    }

    @Test
    void aRemovedRuleResolvesAFiringEpisode() {
        Run run = lines(LogAlertState.quiet(RULE, "oci-fra-1", "risk-service"), 50, T0);

        assertThat(run.state().removed()).hasValueSatisfying(change -> assertThat(change.firing()).isFalse());
        assertThat(LogAlertState.quiet(RULE, "oci-fra-1", "risk-service").removed()).isEmpty();
    }

    @Test
    void matchesEveryFieldIgnoringCaseAndNestedFieldsByTheirFlattenedName() {
        LogAlertRule rule = new LogAlertRule("PaymentDeclines", Optional.empty(),
                Map.of("status", List.of("DECLINED", "REJECTED"), "error.code", List.of("E42")), 1, Duration.ofMinutes(1), Severity.LOW);
        Map<String, String> line = Map.of("status", "rejected", "error_code", "E42");

        assertThat(rule.matches("payments", field -> Optional.ofNullable(line.get(field)))).isTrue();
        assertThat(rule.matches("payments", field -> Optional.ofNullable(Map.of("status", "REJECTED").get(field)))).isFalse();
        assertThat(RULE.matches("trade-engine", field -> Optional.of("RISK_LIMIT"))).as("another service").isFalse();
    }

    @Test
    void aBadRuleNamesTheKeyAtFault() {
        assertThatThrownBy(() -> new LogAlertRule("r", Optional.empty(), Map.of("status", List.of("X")), 5, Duration.ofHours(2), Severity.HIGH))
                .hasMessageStartingWith("threshold.within:");
        assertThatThrownBy(() -> new LogAlertRule("r", Optional.empty(), Map.of("status", List.of("X")), 0, Duration.ofMinutes(5), Severity.HIGH))
                .hasMessageStartingWith("threshold.count:");
        assertThatThrownBy(() -> new LogAlertRule("r", Optional.empty(), Map.of(), 5, Duration.ofMinutes(5), Severity.HIGH))
                .hasMessageStartingWith("match:");
        assertThatThrownBy(() -> LogAlertRule.severityNamed("urgent")).hasMessageStartingWith("severity:");
        assertThat(LogAlertRule.severityNamed("critical")).isEqualTo(Severity.CRITICAL);
    }
}

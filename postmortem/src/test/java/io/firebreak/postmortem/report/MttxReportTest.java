package io.firebreak.postmortem.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.ScriptedIncidents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MttxReportTest {

    private final PostmortemBuilder builder = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK);

    private static Postmortem postmortem(String id, String startedAt, Long mttd, Long mtta, Long mttm, Long mttr, int revision) {
        Postmortem p = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK)
                .build(ScriptedIncidents.lowNeverPaged(), revision);
        p.setIncidentId(id);
        p.setStartedAt(Instant.parse(startedAt));
        p.setMttdSeconds(mttd);
        p.setMttaSeconds(mtta);
        p.setMttmSeconds(mttm);
        p.setMttrSeconds(mttr);
        return p;
    }

    @Test
    void aggregatesMeanMedianAndP90IgnoringNotApplicable() {
        List<Postmortem> all = new ArrayList<>();
        // MTTR 100..1000 s over ten incidents; MTTA only on the five that were paged
        for (int i = 1; i <= 10; i++) {
            all.add(postmortem("c." + i, "2026-11-2" + (i % 3) + "T00:00:00Z", 10L * i, i % 2 == 0 ? 60L * i : null, null, 100L * i, 1));
        }

        MttxReport report = MttxReport.of(all, Optional.empty());

        assertThat(report.incidents()).isEqualTo(10);
        assertThat(report.mttr()).isEqualTo(new MttxStats(10, OptionalDouble.of(550), OptionalDouble.of(550), OptionalDouble.of(900)));
        // MTTA samples 120, 240, 360, 480, 600: mean 360, median 360, p90 nearest rank = 5th = 600
        assertThat(report.mtta()).isEqualTo(new MttxStats(5, OptionalDouble.of(360), OptionalDouble.of(360), OptionalDouble.of(600)));
        assertThat(report.mttm()).isEqualTo(MttxStats.EMPTY);
        assertThat(report.mttd().samples()).isEqualTo(10);
    }

    @Test
    void countsOnlyTheLatestRevisionOfAnIncidentAndOnlyThoseSince() {
        List<Postmortem> all = List.of(
                postmortem("a", "2026-11-01T00:00:00Z", 10L, 20L, 30L, 40L, 1),
                postmortem("b", "2026-11-20T00:00:00Z", 10L, 20L, 30L, 400L, 1),
                postmortem("b", "2026-11-20T00:00:00Z", 10L, 20L, 30L, 200L, 2));

        MttxReport report = MttxReport.of(all, Optional.of(Instant.parse("2026-11-15T00:00:00Z")));

        assertThat(report.incidents()).isEqualTo(1);
        assertThat(report.mttr().meanSeconds()).isEqualTo(OptionalDouble.of(200));
    }

    @Test
    void anEmptyReportHasNoStatistics() {
        MttxReport report = MttxReport.of(List.of(), Optional.empty());

        assertThat(report.incidents()).isZero();
        assertThat(report.mttr()).isEqualTo(MttxStats.EMPTY);
    }

    @Test
    void sampleExposesOnlyTheMetricsThatApplyForHistograms() {
        MttxSample low = MttxSample.of(builder.build(ScriptedIncidents.lowNeverPaged()));
        MttxSample critical = MttxSample.of(builder.build(ScriptedIncidents.criticalThroughAllStages()));

        assertThat(low.observations()).containsExactly(
                java.util.Map.entry("firebreak_mttd_seconds", 30L), java.util.Map.entry("firebreak_mttr_seconds", 1020L));
        assertThat(critical.observations()).containsEntry("firebreak_mtta_seconds", 240L).hasSize(4);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(MttxStats.of(List.of(4L, 1L, 3L, 2L)).medianSeconds()).isEqualTo(OptionalDouble.of(2.5));
        assertThat(MttxStats.of(List.of(7L)).p90Seconds()).isEqualTo(OptionalDouble.of(7));
    }
}

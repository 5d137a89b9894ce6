package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.streams.correlation.IncidentProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** SLO_BURN_ANALYZED with and without SLO data, late burn data, and the wall-clock burn refresh. */
class SloBurnAnalysisTest {

    private static final List<Stage> FIRST_STAGES = List.of(Stage.SIGNAL_DETECTED, Stage.ALERT_FIRED, Stage.RCA_GENERATED,
            Stage.SLO_BURN_ANALYZED, Stage.PAGED, Stage.WAR_ROOM_OPEN);

    private static List<Stage> stages(Incident incident) {
        return incident.getTimeline().stream().map(TimelineEntry::getStage).filter(Objects::nonNull).toList();
    }

    private static TimelineEntry stageEntry(Incident incident, Stage stage) {
        return incident.getTimeline().stream().filter(e -> e.getStage() == stage).findFirst().orElseThrow();
    }

    private static List<NotificationKind> pagerDutyKinds(TopologyHarness harness) {
        return harness.notifications("pagerduty").stream().map(n -> n.getKind()).toList();
    }

    @Test
    void stageIsEnteredBeforeThePageEvenWhenNoSloCoversTheServices() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("t1"));
            Incident incident = harness.only();
            assertThat(stages(incident)).containsExactlyElementsOf(FIRST_STAGES);
            assertThat(stageEntry(incident, Stage.SLO_BURN_ANALYZED).getCause()).isEqualTo("no SLO burn data for trade-engine");
            assertThat(incident.getBurn()).isEmpty();
        }
    }

    @Test
    void stageIsEnteredWhenTheEnrichmentWaitEndsWithoutBurnData() {
        try (TopologyHarness harness = new TopologyHarness(CorrelationSettingsBuilder.defaults())) {
            harness.send(Signals.critical("t1"));
            assertThat(stages(harness.only())).containsExactly(Stage.SIGNAL_DETECTED, Stage.ALERT_FIRED);

            harness.advance(Duration.ofSeconds(5));
            assertThat(stages(harness.only())).containsExactlyElementsOf(FIRST_STAGES);
            assertThat(harness.notifications("pagerduty")).singleElement().satisfies(n -> assertThat(n.getKind()).isEqualTo(NotificationKind.TRIGGER));
        }
    }

    @Test
    void stageCauseNamesTheBurnWhenAnSloCoversTheService() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0), T0).send(Signals.critical("t1"));
            TimelineEntry analysed = stageEntry(harness.only(), Stage.SLO_BURN_ANALYZED);
            assertThat(analysed.getCause()).isEqualTo("burn analysed: trade_latency: 5m 30.0x, 1h 20.0x, budget 62% left");
            assertThat(analysed.getEvidence()).containsExactly("slo trade_latency alert page");
        }
    }

    @Test
    void burnArrivingAfterTheFirstNotificationsIsAnEnrichmentAndAnUpdateNeverAPage() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("t1"));
            assertThat(pagerDutyKinds(harness)).containsExactly(NotificationKind.TRIGGER);

            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0.plusSeconds(10)), T0.plusSeconds(10))
                    .advance(IncidentProcessor.BURN_REFRESH);
            Incident incident = harness.only();
            assertThat(incident.getBurn()).singleElement().satisfies(b -> assertThat(b.getRates()).containsEntry("5m", 30.0));
            assertThat(incident.getTimeline()).filteredOn(e -> "enrichment".equals(e.getKind())).extracting(TimelineEntry::getCause)
                    .contains("SLO burn data arrived: trade_latency: 5m 30.0x, 1h 20.0x, budget 62% left");
            assertThat(stages(incident)).containsExactlyElementsOf(FIRST_STAGES);
            assertThat(pagerDutyKinds(harness)).containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
            assertThat(harness.notifications("pagerduty").get(1).getBurnSummary()).contains("trade_latency: 5m 30.0x");
        }
    }

    @Test
    void refreshEmitsANewVersionOnlyWhenTheBurnMovedMeaningfully() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0), T0).send(Signals.critical("t1"))
                    .advance(Duration.ofSeconds(1));
            int versions = harness.incidents().size();

            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.1, 20.1, T0.plusSeconds(30)), T0.plusSeconds(30))
                    .advance(IncidentProcessor.BURN_REFRESH);
            assertThat(harness.incidents()).as("a move under 1% is noise").hasSize(versions);

            harness.burn(Inputs.burn("trade_latency", "trade-engine", 40.0, 25.0, T0.plusSeconds(60)), T0.plusSeconds(60))
                    .advance(IncidentProcessor.BURN_REFRESH);
            assertThat(harness.incidents()).hasSize(versions + 1);
            assertThat(harness.only().getBurn()).singleElement().satisfies(b -> assertThat(b.getRates()).containsEntry("5m", 40.0));
            assertThat(pagerDutyKinds(harness)).as("still paging: no news for the on-call").containsExactly(NotificationKind.TRIGGER);

            harness.burn(Inputs.burn("trade_latency", "trade-engine", 0.5, 2.0, T0.plusSeconds(90)), T0.plusSeconds(90))
                    .advance(IncidentProcessor.BURN_REFRESH);
            assertThat(harness.only().getTimeline()).extracting(TimelineEntry::getCause)
                    .anyMatch(c -> c.startsWith("SLO burn alert trade_latency: page -> none"));
            assertThat(pagerDutyKinds(harness)).containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
        }
    }

    @Test
    void refreshRunsAtMostOncePerIntervalAndLeavesRecoveredIncidentsAlone() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("t1")).advance(Duration.ofSeconds(1));
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0.plusSeconds(2)), T0.plusSeconds(2))
                    .advance(Duration.ofSeconds(10));
            assertThat(harness.only().getBurn()).as("next refresh is 30 s after the last").isEmpty();
            harness.advance(Duration.ofSeconds(20));
            assertThat(harness.only().getBurn()).hasSize(1);

            String id = harness.only().getId();
            harness.command(Inputs.command(id, io.firebreak.events.LifecycleAction.RESOLVE, "oncall", null, T0.plusSeconds(40)), T0.plusSeconds(40));
            int versions = harness.incidents().size();
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 0.1, 0.2, T0.plusSeconds(60)), T0.plusSeconds(60))
                    .advance(IncidentProcessor.BURN_REFRESH);
            assertThat(harness.incidents()).hasSize(versions);
        }
    }

    @Test
    void severityLowIncidentStillRecordsTheAnalysisButIsNeverPaged() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.alert("oci-fra-1", "reporting", "DiskFillingUp", Severity.LOW, "d1").build());
            assertThat(stages(harness.only())).containsExactly(Stage.SIGNAL_DETECTED, Stage.ALERT_FIRED, Stage.RCA_GENERATED,
                    Stage.SLO_BURN_ANALYZED);
            assertThat(harness.notificationCount()).isZero();
        }
    }
}

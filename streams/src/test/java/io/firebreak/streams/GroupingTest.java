package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingTest {

    @Test
    void twoAlertsOfOneServiceJoinOneIncident() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("8c1f4b2a9d7e6f01"))
                    .send(Signals.critical("3e77a0c4d1b95f2a"), T0.plusSeconds(30));

            assertThat(harness.latest()).hasSize(1);
            Incident incident = harness.only();
            // the sample lists firing signals by severity, newest first; the origin is the one that opened it
            assertThat(incident.getSignals()).extracting(s -> s.getFingerprint()).containsExactly("3e77a0c4d1b95f2a", "8c1f4b2a9d7e6f01");
            assertThat(incident.getOrigin().getFingerprint()).isEqualTo("8c1f4b2a9d7e6f01");
            assertThat(incident.getFiringSignals()).isEqualTo(2);
            assertThat(harness.notifications("pagerduty")).hasSize(1);
        }
    }

    @Test
    void anotherServiceOpensAnotherIncident() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("8c1f4b2a9d7e6f01"))
                    .send(Signals.alert("oci-fra-1", "risk-service", "RiskServiceErrors", Severity.CRITICAL, "aa01").build(), T0.plusSeconds(30));

            assertThat(harness.latest()).hasSize(2);
            assertThat(harness.latest().values()).extracting(Incident::getServices)
                    .containsExactly(List.of("trade-engine"), List.of("risk-service"));
            assertThat(harness.notifications("pagerduty")).hasSize(2);
        }
    }

    @Test
    void newIncidentStartsAtAlertFiredWithDetectionAndFiringInItsTimeline() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("8c1f4b2a9d7e6f01"), T0.plusSeconds(2));

            Incident incident = harness.only();
            assertThat(incident.getStage()).isEqualTo(Stage.WAR_ROOM_OPEN);
            assertThat(incident.getGroupKey()).isEqualTo("cluster=oci-fra-1,service=trade-engine");
            assertThat(incident.getTimeline()).extracting(TimelineEntry::getStage).filteredOn(java.util.Objects::nonNull)
                    .containsExactly(Stage.SIGNAL_DETECTED, Stage.ALERT_FIRED, Stage.RCA_GENERATED, Stage.SLO_BURN_ANALYZED, Stage.PAGED, Stage.WAR_ROOM_OPEN);
            assertThat(incident.getTimeline()).allSatisfy(entry -> {
                assertThat(entry.getActor()).isEqualTo("firebreak");
                assertThat(entry.getCause()).isNotBlank();
            });
            assertThat(incident.getFirstSignalAt()).isEqualTo(T0);
            assertThat(incident.getAlertFiredAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(incident.getOpenedAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(harness.incidents().get(0).getVersion()).isEqualTo(1);
            assertThat(incident.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.getPagedReceivers()).containsExactly("pagerduty", "slack-war-room", "teams");
        }
    }

    @Test
    void groupByCanUseAnyLabel() {
        CorrelationSettingsBuilder byTeam = CorrelationSettingsBuilder.defaults().groupBy(List.of("cluster", "team"));
        try (TopologyHarness harness = new TopologyHarness(byTeam)) {
            harness.send(Signals.alert("oci-fra-1", "trade-engine", "A", Severity.HIGH, "f1").setLabels(java.util.Map.of("team", "trading")).build())
                    .send(Signals.alert("oci-fra-1", "risk-service", "B", Severity.HIGH, "f2").setLabels(java.util.Map.of("team", "trading")).build())
                    .send(Signals.alert("oci-fra-1", "ledger", "C", Severity.HIGH, "f3").setLabels(java.util.Map.of("team", "payments")).build());

            assertThat(harness.latest().values()).extracting(Incident::getServices)
                    .containsExactlyInAnyOrder(List.of("trade-engine", "risk-service"), List.of("ledger"));
        }
    }
}

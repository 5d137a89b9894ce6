package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flapping, dependency-graph correlation, unrelated problems, change suspects, enrichment wait, auto-recovery. */
class CorrelationModelTest {

    private static final String C = "oci-fra-1";
    private static final Map<String, List<String>> GRAPH = Map.of(
            "trade-engine", List.of("risk-service", "postgres-main"),
            "risk-service", List.of("postgres-main"),
            "reporting", List.of());

    private static CorrelationSettingsBuilder settings() {
        return CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).services(GRAPH);
    }

    private static Signal alert(String service, Severity severity, String fingerprint) {
        return Signals.alert(C, service, service + "Alert", severity, fingerprint).build();
    }

    @Test
    void flappingSignalIsMarkedAndNeverRepagesOrReopens() {
        Signal firing = Signals.critical("f1");
        try (TopologyHarness harness = new TopologyHarness(settings().flapping(2, Duration.ofMinutes(15)))) {
            harness.send(firing);
            Signal episode = firing;
            for (int i = 1; i <= 6; i++) {
                // each re-fire is a new episode, with its own startsAt, as Prometheus sends it
                if (i % 2 == 0) {
                    episode = Signal.newBuilder(firing).setStartsAt(T0.plusSeconds(30L * i)).build();
                }
                harness.send(i % 2 == 1 ? Signals.resolved(episode) : episode, T0.plusSeconds(30L * i));
            }
            Incident incident = harness.only();
            assertThat(incident.getSignals()).singleElement().satisfies(s -> assertThat(s.getFlapping()).isTrue());
            assertThat(incident.getReopens()).isZero();
            assertThat(incident.getTimeline()).filteredOn(e -> e.getCause().contains("is flapping")).hasSize(1);
            assertThat(harness.notifications("pagerduty")).filteredOn(n -> n.getKind() == NotificationKind.TRIGGER).hasSize(1);
        }
    }

    @Test
    void linkedServiceJoinsTheOpenIncidentThroughTheGraph() {
        try (TopologyHarness harness = new TopologyHarness(settings())) {
            harness.send(alert("postgres-main", Severity.CRITICAL, "p1"))
                    .send(alert("trade-engine", Severity.CRITICAL, "t1"), T0.plusSeconds(30));

            Incident incident = harness.only();
            assertThat(incident.getServices()).containsExactly("postgres-main", "trade-engine");
            assertThat(incident.getTimeline()).anySatisfy(e -> assertThat(e.getCause()).contains("through the service graph"));
            assertThat(harness.notifications("pagerduty")).filteredOn(n -> n.getKind() == NotificationKind.TRIGGER).hasSize(1);
        }
    }

    @Test
    void unrelatedProblemInTheSameClusterStaysApart() {
        try (TopologyHarness harness = new TopologyHarness(settings())) {
            harness.send(alert("postgres-main", Severity.CRITICAL, "p1"))
                    .send(alert("reporting", Severity.LOW, "r1"), T0.plusSeconds(30));

            assertThat(harness.latest().values()).extracting(Incident::getServices)
                    .containsExactlyInAnyOrder(List.of("postgres-main"), List.of("reporting"));
        }
    }

    @Test
    void linkedServiceOutsideTheWindowOrBeyondTheDepthOpensItsOwnIncident() {
        try (TopologyHarness harness = new TopologyHarness(settings().window(Duration.ofMinutes(10)))) {
            harness.send(alert("postgres-main", Severity.CRITICAL, "p1"))
                    .send(alert("trade-engine", Severity.CRITICAL, "t1"), T0.plus(Duration.ofMinutes(11)));
            assertThat(harness.latest()).hasSize(2);
        }
        try (TopologyHarness harness = new TopologyHarness(settings().graphDepth(0))) {
            harness.send(alert("postgres-main", Severity.CRITICAL, "p1"))
                    .send(alert("trade-engine", Severity.CRITICAL, "t1"), T0.plusSeconds(30));
            assertThat(harness.latest()).hasSize(2);
        }
    }

    @Test
    void edgesLearnedFromCorootLinkServicesTheConfigDoesNotKnow() {
        try (TopologyHarness harness = new TopologyHarness(settings())) {
            io.firebreak.events.RcaReport report = Inputs.coroot(C, "ledger", "ledger slow", T0);
            report.setDependencies(List.of(io.firebreak.events.ServiceEdge.newBuilder().setFrom("ledger").setTo("postgres-main").build()));
            harness.rca(report, T0)
                    .send(alert("postgres-main", Severity.CRITICAL, "p1"), T0.plusSeconds(5))
                    .send(alert("ledger", Severity.HIGH, "l1"), T0.plusSeconds(10));
            assertThat(harness.only().getServices()).containsExactly("postgres-main", "ledger");
        }
    }

    @Test
    void edgesLearnedWhileAnIncidentIsOpenLinkTheNextSignal() {
        try (TopologyHarness harness = new TopologyHarness(settings())) {
            harness.send(alert("postgres-main", Severity.CRITICAL, "p1"), T0);
            io.firebreak.events.RcaReport report = Inputs.coroot(C, "ledger", "ledger slow", T0.plusSeconds(5));
            report.setDependencies(List.of(io.firebreak.events.ServiceEdge.newBuilder().setFrom("ledger").setTo("postgres-main").build()));
            harness.rca(report, T0.plusSeconds(5))
                    .send(alert("ledger", Severity.HIGH, "l1"), T0.plusSeconds(10));
            assertThat(harness.only().getServices()).containsExactly("postgres-main", "ledger");
        }
    }

    @Test
    void deploymentOfADependencyBeforeTheIncidentIsASuspectAndSoIsOneWhileOpen() {
        try (TopologyHarness harness = new TopologyHarness(settings())) {
            harness.change(Inputs.deployment(C, "risk-service", "v2.15.0", T0.minus(Duration.ofMinutes(4))), T0.minus(Duration.ofMinutes(4)))
                    .change(Inputs.deployment(C, "risk-service", "v2.14.0", T0.minus(Duration.ofHours(2))), T0.minus(Duration.ofMinutes(3)))
                    .change(Inputs.deployment(C, "reporting", "v9", T0.minus(Duration.ofMinutes(2))), T0.minus(Duration.ofMinutes(2)))
                    .send(alert("trade-engine", Severity.CRITICAL, "t1"))
                    .change(Inputs.deployment(C, "postgres-main", "16.4", T0.plusSeconds(60)), T0.plusSeconds(60));

            assertThat(harness.only().getSuspectChanges()).extracting(s -> s.getService() + "@" + s.getVersion())
                    .containsExactly("risk-service@v2.15.0", "postgres-main@16.4");
        }
    }

    @Test
    void changeIsAlsoASuspectOnALaterIncident() {
        try (TopologyHarness harness = new TopologyHarness(settings())) {
            harness.change(Inputs.deployment(C, "risk-service", "v2.15.0", T0), T0)
                    .send(alert("risk-service", Severity.HIGH, "r1"), T0.plusSeconds(60))
                    .command(Inputs.command(C + ".20261128.0001", io.firebreak.events.LifecycleAction.RESOLVE, "a", null, T0.plusSeconds(70)), T0.plusSeconds(70))
                    .postmortem(Inputs.postmortem(C + ".20261128.0001", C, T0.plusSeconds(80)), T0.plusSeconds(80)).advance(Duration.ofSeconds(2))
                    .send(alert("risk-service", Severity.HIGH, "r2"), T0.plusSeconds(120));
            assertThat(harness.latest(C + ".20261128.0002").getSuspectChanges()).extracting(s -> s.getVersion()).containsExactly("v2.15.0");
        }
    }

    @Test
    void firstNotificationsWaitForEnrichmentThenCarryRootCauseAndBurn() {
        try (TopologyHarness harness = new TopologyHarness(settings().enrichmentWait(Duration.ofSeconds(5)))) {
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0), T0)
                    .send(alert("trade-engine", Severity.CRITICAL, "t1"));
            assertThat(harness.notificationCount()).isZero();
            assertThat(harness.only().getStage()).isEqualTo(Stage.ALERT_FIRED);

            harness.advance(Duration.ofSeconds(5));
            assertThat(harness.notifications("pagerduty")).singleElement().satisfies(n -> {
                assertThat(n.getKind()).isEqualTo(NotificationKind.TRIGGER);
                assertThat(n.getRootCause()).startsWith("trade-engine");
                assertThat(n.getBurnSummary()).contains("trade_latency: 5m 30.0x, 1h 20.0x");
            });
            assertThat(harness.only().getTimeline()).extracting(e -> e.getStage()).filteredOn(java.util.Objects::nonNull)
                    .containsExactly(Stage.SIGNAL_DETECTED, Stage.ALERT_FIRED, Stage.RCA_GENERATED, Stage.SLO_BURN_ANALYZED, Stage.PAGED, Stage.WAR_ROOM_OPEN);
        }
    }

    @Test
    void corootRcaAndBurnPresentReleaseAtOnceAndLaterRcaIsAnUpdateNotAPage() {
        try (TopologyHarness harness = new TopologyHarness(settings().enrichmentWait(Duration.ofSeconds(5)))) {
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0), T0)
                    .rca(Inputs.coroot(C, "trade-engine", "risk-service is slow", T0), T0)
                    .send(alert("trade-engine", Severity.CRITICAL, "t1"));
            assertThat(harness.notifications("pagerduty")).hasSize(1);
            assertThat(harness.only().getRcaSource()).isEqualTo("coroot");

            harness.rca(Inputs.coroot(C, "trade-engine", "postgres-main is slow", T0.plusSeconds(60)), T0.plusSeconds(60));
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
        }
    }

    @Test
    void recoversByItselfOnceEverySignalResolvedAndBurnStayedLowForStableFor() {
        Signal firing = alert("trade-engine", Severity.CRITICAL, "t1");
        try (TopologyHarness harness = new TopologyHarness(settings().stableFor(Duration.ofMinutes(5)))) {
            harness.burn(Inputs.burn("trade_latency", "trade-engine", 30.0, 20.0, T0), T0)
                    .send(firing).send(Signals.resolved(firing), T0.plusSeconds(60))
                    .advance(Duration.ofMinutes(6));
            assertThat(harness.only().getStage()).as("burn still high").isNotEqualTo(Stage.RECOVERED);

            harness.burn(Inputs.burn("trade_latency", "trade-engine", 0.2, 3.0, T0.plusSeconds(400)), T0.plusSeconds(400))
                    .advance(Duration.ofMinutes(4));
            assertThat(harness.only().getStage()).isNotEqualTo(Stage.RECOVERED);
            harness.advance(Duration.ofMinutes(2));
            assertThat(harness.only().getStage()).isEqualTo(Stage.RECOVERED);
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).endsWith(NotificationKind.RESOLVE);
        }
    }
}

package io.firebreak.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.ChangeKind;
import io.firebreak.events.Incident;
import io.firebreak.events.RcaReport;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RootCauseRankerTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");
    private static final ServiceGraph CASCADE = ServiceGraph.of(Map.of(
            "api-gateway", List.of("order-router"),
            "order-router", List.of("trade-engine", "risk-service"),
            "trade-engine", List.of("risk-service", "postgres-main"),
            "risk-service", List.of("postgres-main")));

    @BeforeAll
    static void trustEventClasses() {
        io.firebreak.schemas.TrustedPackages.trustEvents();
    }

    private static SignalRef alert(String service, String alertName, Map<String, String> labels) {
        return SignalRef.newBuilder().setFingerprint("fp-" + service + "-" + alertName).setService(service).setAlertName(alertName)
                .setSummary(service + " is failing").setFirstSeen(T0).setLastSeen(T0).setLabels(labels).build();
    }

    private static SuspectChange deployment(String service, String version) {
        return SuspectChange.newBuilder().setChangeId("chg-" + service).setService(service).setKind(ChangeKind.DEPLOYMENT)
                .setVersion(version).setAuthor("ci-pipeline").setAt(T0.minusSeconds(240)).build();
    }

    private static Incident incident(List<SignalRef> signals, List<SuspectChange> changes) {
        List<String> services = new ArrayList<>();
        signals.forEach(s -> {
            if (!services.contains(s.getService())) {
                services.add(s.getService());
            }
        });
        return Incident.newBuilder().setId("oci-fra-1.20261128.0001").setCluster("oci-fra-1").setServices(services)
                .setOpenedAt(T0).setUpdatedAt(T0).setSignals(signals).setSuspectChanges(changes).build();
    }

    private static List<String> order(List<RootCauseCandidate> ranked) {
        return ranked.stream().map(RootCauseCandidate::getService).toList();
    }

    @Test
    void mostUpstreamAlertingDependencyRanksFirstWithTheServicesThatWaitOnIt() {
        Incident cascade = incident(List.of(alert("api-gateway", "HighErrorRate", Map.of()), alert("order-router", "HighLatency", Map.of()),
                alert("trade-engine", "HighLatency", Map.of()), alert("risk-service", "HighLatency", Map.of()),
                alert("postgres-main", "TooManyConnections", Map.of())), List.of());

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(cascade, CASCADE, Optional.empty());

        assertThat(order(ranked)).containsExactly("postgres-main", "risk-service", "trade-engine", "order-router", "api-gateway");
        assertThat(ranked.get(0).getScore()).isEqualTo(0.6);
        assertThat(ranked.get(0).getEvidence()).containsExactly(
                "4 alerting service(s) depend on it: api-gateway, order-router, trade-engine, risk-service",
                "alerting, and depends on no other alerting service (most upstream)");
        assertThat(ranked.get(4).getEvidence()).containsExactly("alerting, but depends on another alerting service");
        assertThat(ranked.get(4).getScore()).isZero();
    }

    @Test
    void resourceAnomalyRanksAboveAPlainAlertWhenNeitherIsUpstream() {
        Incident incident = incident(List.of(alert("ledger", "HighLatency", Map.of()),
                alert("reporting", "DiskFillingUp", Map.of("resource", "disk"))), List.of());

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, ServiceGraph.empty(), Optional.empty());

        assertThat(order(ranked)).containsExactly("reporting", "ledger");
        assertThat(ranked.get(0).getEvidence()).contains("resource anomaly: DiskFillingUp (resource=disk)");
        assertThat(ranked.get(0).getScore()).isGreaterThan(ranked.get(1).getScore());
    }

    @Test
    void aResourceLabelIsAnAnomalyButAWordMerelyContainingOomIsNot() {
        Incident incident = incident(List.of(alert("ledger", "LedgerTooManyRetries", Map.of()),
                alert("postgres-main", "PostgresTooManyConnections", Map.of("resource", "connections")),
                alert("worker", "KubePodOOMKilled", Map.of())), List.of());

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, ServiceGraph.empty(), Optional.empty());

        assertThat(order(ranked)).containsExactly("postgres-main", "worker", "ledger");
        assertThat(ranked.get(0).getEvidence()).contains("resource anomaly: PostgresTooManyConnections (resource=connections)");
        assertThat(ranked.get(1).getEvidence()).contains("resource anomaly: KubePodOOMKilled");
        assertThat(ranked.get(2).getEvidence()).noneMatch(e -> e.startsWith("resource anomaly"));
    }

    @Test
    void recentChangesRankAfterResourceAnomaliesAndBeforePlainAlerts() {
        Incident incident = incident(List.of(alert("alpha", "HighLatency", Map.of()), alert("beta", "HighLatency", Map.of()),
                alert("gamma", "ContainerMemoryNearLimit", Map.of())), List.of(deployment("beta", "v2.15.0")));

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, ServiceGraph.empty(), Optional.empty());

        assertThat(order(ranked)).containsExactly("gamma", "beta", "alpha");
        assertThat(ranked.get(1).getEvidence()).contains("recent deployment v2.15.0 at " + T0.minusSeconds(240) + " by ci-pipeline");
    }

    @Test
    void upstreamnessOutranksAnomaliesAndChanges() {
        Incident incident = incident(List.of(alert("trade-engine", "ContainerCpuThrottling", Map.of("resource", "cpu")),
                alert("risk-service", "HighLatency", Map.of())), List.of(deployment("trade-engine", "v9")));

        assertThat(order(RootCauseRanker.rank(incident, CASCADE, Optional.empty()))).startsWith("risk-service");
    }

    @Test
    void aChangedDependencyThatIsNotAlertingIsStillACandidate() {
        Incident incident = incident(List.of(alert("trade-engine", "HighLatency", Map.of())), List.of(deployment("risk-service", "v2.15.0")));

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, CASCADE, Optional.empty());

        assertThat(order(ranked)).containsExactly("risk-service", "trade-engine");
        assertThat(ranked.get(0).getEvidence()).containsExactly("1 alerting service(s) depend on it: trade-engine",
                "recent deployment v2.15.0 at " + T0.minusSeconds(240) + " by ci-pipeline");
    }

    @Test
    void tiesAreBrokenByServiceNameSoTheOrderIsStable() {
        Incident incident = incident(List.of(alert("zeta", "HighLatency", Map.of()), alert("alpha", "HighLatency", Map.of())), List.of());

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, ServiceGraph.empty(), Optional.empty());

        assertThat(order(ranked)).containsExactly("alpha", "zeta");
        assertThat(ranked.get(0).getScore()).isEqualTo(ranked.get(1).getScore());
    }

    @Test
    void corootCandidatesComeFirstThenTheBuiltinRankingOfTheRest() {
        Incident incident = incident(List.of(alert("trade-engine", "HighLatency", Map.of()), alert("risk-service", "HighLatency", Map.of())), List.of());
        RcaReport report = RcaReport.newBuilder().setId("coroot:1").setCluster("oci-fra-1").setService("trade-engine").setSource("coroot")
                .setCandidates(List.of(RootCauseCandidate.newBuilder().setService("trade-engine").setScore(0.9)
                        .setEvidence(List.of("GC pauses")).build()))
                .setDetailsUrl("https://coroot.example.internal/x").setAt(T0).build();

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, CASCADE, Optional.of(report));

        assertThat(order(ranked)).containsExactly("trade-engine", "risk-service");
        assertThat(ranked.get(0).getEvidence()).containsExactly("GC pauses", "coroot RCA https://coroot.example.internal/x");
    }

    @Test
    void corootSummaryWithoutCandidatesBecomesEvidenceOnTheServicesItNames() {
        Incident incident = incident(List.of(alert("trade-engine", "HighLatency", Map.of()), alert("risk-service", "HighLatency", Map.of())), List.of());
        RcaReport report = RcaReport.newBuilder().setId("coroot:2").setCluster("oci-fra-1").setService("trade-engine").setSource("coroot")
                .setSummary("risk-service p99 up 40x after deploy").setAt(T0).build();

        List<RootCauseCandidate> ranked = RootCauseRanker.rank(incident, CASCADE, Optional.of(report));

        assertThat(order(ranked)).containsExactly("risk-service", "trade-engine");
        assertThat(ranked.get(0).getEvidence()).contains("coroot: risk-service p99 up 40x after deploy");
        assertThat(ranked.get(1).getEvidence()).noneMatch(e -> e.startsWith("coroot"));
    }
}

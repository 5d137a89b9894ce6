package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import org.junit.jupiter.api.Test;

class ClusterIsolationTest {

    @Test
    void sameServiceAndFingerprintInTwoClustersMakeTwoIncidents() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.alert("oci-fra-1", "trade-engine", "TradeEngineHighLatency", Severity.CRITICAL, "same-fp").build())
                    .send(Signals.alert("aws-us-east-1", "trade-engine", "TradeEngineHighLatency", Severity.CRITICAL, "same-fp").build());

            assertThat(harness.latest().values()).extracting(Incident::getId)
                    .containsExactly("oci-fra-1.20261128.0001", "aws-us-east-1.20261128.0001");
            assertThat(harness.latest().values()).allSatisfy(incident ->
                    assertThat(incident.getId()).startsWith(incident.getCluster() + "."));
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getCluster()).containsExactly("oci-fra-1", "aws-us-east-1");
        }
    }

    @Test
    void groupingWithoutClusterStillKeepsClustersApart() {
        CorrelationSettingsBuilder byService = CorrelationSettingsBuilder.defaults().groupBy(java.util.List.of("service"));
        try (TopologyHarness harness = new TopologyHarness(byService)) {
            harness.send(Signals.alert("oci-fra-1", "trade-engine", "A", Severity.HIGH, "f1").build())
                    .send(Signals.alert("aws-us-east-1", "trade-engine", "A", Severity.HIGH, "f2").build());

            assertThat(harness.latest()).hasSize(2);
        }
    }
}

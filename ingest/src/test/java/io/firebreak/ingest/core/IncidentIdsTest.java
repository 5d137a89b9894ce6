package io.firebreak.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentIdsTest {

    @Test
    void clusterIsEverythingBeforeDayAndSequence() {
        assertThat(IncidentIds.clusterOf("oci-fra-1.20261128.0042")).hasValue("oci-fra-1");
        assertThat(IncidentIds.clusterOf("prod.eu.west.20261128.10042")).hasValue("prod.eu.west");
    }

    @Test
    void textsThatAreNoIncidentIdHaveNoCluster() {
        assertThat(IncidentIds.clusterOf("INC-20261128-0042")).isEmpty();
        assertThat(IncidentIds.clusterOf("inc:oci-fra-1:trade-engine:TradeEngineHighLatency")).isEmpty();
        assertThat(IncidentIds.clusterOf(".20261128.0042")).isEmpty();
        assertThat(IncidentIds.clusterOf("oci-fra-1.2026112.0042")).isEmpty();
        assertThat(IncidentIds.clusterOf("oci-fra-1.20261128.")).isEmpty();
        assertThat(IncidentIds.clusterOf("a b.20261128.1")).isEmpty();
        assertThat(IncidentIds.clusterOf(null)).isEmpty();
    }
}

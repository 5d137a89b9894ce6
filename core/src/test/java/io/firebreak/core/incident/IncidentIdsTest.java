package io.firebreak.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentIdsTest {

    @Test
    void clusterComesBackOutOfTheIdEvenWithDots() {
        assertThat(IncidentIds.clusterOf("oci-fra-1.20261128.0042")).hasValue("oci-fra-1");
        assertThat(IncidentIds.clusterOf("prod.eu.west.20261128.10042")).hasValue("prod.eu.west");
    }

    @Test
    void textThatIsNotAnIncidentIdHasNoCluster() {
        assertThat(IncidentIds.clusterOf("INC-20261128-0042")).isEmpty();
        assertThat(IncidentIds.clusterOf("inc:oci-fra-1:trade-engine:TradeEngineHighLatency")).isEmpty();
        assertThat(IncidentIds.clusterOf(".20261128.0042")).isEmpty();
        assertThat(IncidentIds.clusterOf("oci-fra-1.2026112.0042")).isEmpty();
        assertThat(IncidentIds.clusterOf("oci-fra-1.20261128.")).isEmpty();
        assertThat(IncidentIds.clusterOf("oci-fra-1.20261128.1234567890")).isEmpty();
        assertThat(IncidentIds.clusterOf("a b.20261128.1")).isEmpty();
        assertThat(IncidentIds.clusterOf("a\u0007b.20261128.1")).isEmpty();
        assertThat(IncidentIds.clusterOf(" .20261128.1")).isEmpty();
        assertThat(IncidentIds.clusterOf(null)).isEmpty();
    }

    @Test
    void anOverlongIdIsNotOne() {
        String cluster = "c".repeat(IncidentIds.MAX_LENGTH - ".20261128.0042".length());
        assertThat(IncidentIds.clusterOf(cluster + ".20261128.0042")).hasValue(cluster);
        assertThat(IncidentIds.clusterOf(cluster + "c.20261128.0042")).isEmpty();
    }

    @Test
    void idIsClusterUtcDayAndAtLeastFourDigitSequence() {
        String day = IncidentIds.day(Instant.parse("2026-11-28T23:59:59.999Z").toEpochMilli());

        assertThat(day).isEqualTo("20261128");
        assertThat(IncidentIds.day(Instant.parse("2026-11-29T00:00:00Z").toEpochMilli())).isEqualTo("20261129");
        assertThat(IncidentIds.format("oci-fra-1", day, 42)).isEqualTo("oci-fra-1.20261128.0042");
        assertThat(IncidentIds.format("oci-fra-1", day, 10_000)).isEqualTo("oci-fra-1.20261128.10000");
    }

    @Test
    void aFormattedIdGivesItsClusterBack() {
        assertThat(IncidentIds.clusterOf(IncidentIds.format("prod.eu.west", "20261128", 7))).hasValue("prod.eu.west");
    }

    @Test
    void clusterKeysAreUsableInIdsUrlsAndKafkaKeys() {
        assertThat(IncidentIds.clusterKey("oci-fra-1")).isEqualTo("oci-fra-1");
        assertThat(IncidentIds.clusterKey("prod.eu-west:2")).isEqualTo("prod.eu-west:2");
        assertThat(IncidentIds.clusterKey(" prod eu ")).isEqualTo("prod-eu");
        assertThat(IncidentIds.clusterKey("a/b?c#d%e\nINFO forged")).isEqualTo("a-b-c-d-e-INFO-forged");
        assertThat(IncidentIds.clusterKey("line\nbreak")).doesNotContain("\n");
        String id = IncidentIds.format(IncidentIds.clusterKey("prod eu"), "20261201", 7);
        assertThat(IncidentIds.clusterOf(id)).hasValue("prod-eu");
    }

    @Test
    void longClusterNamesAreCutButStayDistinct() {
        String a = "c".repeat(300) + "-a";
        String b = "c".repeat(300) + "-b";
        assertThat(IncidentIds.clusterKey(a)).hasSize(IncidentIds.MAX_CLUSTER_LENGTH).isNotEqualTo(IncidentIds.clusterKey(b));
        String id = IncidentIds.format(IncidentIds.clusterKey(a), "20261201", 123456789);
        assertThat(id.length()).isLessThanOrEqualTo(IncidentIds.MAX_LENGTH);
        assertThat(IncidentIds.clusterOf(id)).hasValue(IncidentIds.clusterKey(a));
    }
}

package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final CorrelationSettingsBuilder ONE_HOUR = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO)
            .retention(Duration.ofHours(1), Duration.ofMinutes(1));

    @Test
    void resolvedIncidentIsClosedAfterRetentionAndTheNextAlertOpensANewOne() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        try (TopologyHarness harness = new TopologyHarness(ONE_HOUR)) {
            harness.send(firing).send(Signals.resolved(firing), T0.plusSeconds(600));
            // any later record advances stream time past the retention and triggers the sweep
            harness.send(Signals.critical("other-fp"), T0.plus(Duration.ofHours(2)));

            Incident first = harness.latest().get("oci-fra-1.20261128.0001");
            assertThat(first.getClosed()).isTrue();
            assertThat(first.getTimeline().get(first.getTimeline().size() - 1).getCause()).startsWith("closed:");
            assertThat(harness.latest()).containsKey("oci-fra-1.20261128.0002");
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getIncidentId())
                    .containsExactly("oci-fra-1.20261128.0001", "oci-fra-1.20261128.0002");
        }
    }

    @Test
    void incidentWithAFiringSignalStaysOpenPastRetention() {
        try (TopologyHarness harness = new TopologyHarness(ONE_HOUR)) {
            harness.send(Signals.critical("8c1f4b2a9d7e6f01"))
                    .send(Signals.critical("3e77a0c4d1b95f2a"), T0.plus(Duration.ofHours(3)));

            assertThat(harness.latest()).containsOnlyKeys("oci-fra-1.20261128.0001");
            assertThat(harness.latest().get("oci-fra-1.20261128.0001").getClosed()).isFalse();
            assertThat(harness.notifications("pagerduty")).hasSize(1);
        }
    }
}

package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentIdTest {

    @Test
    void idIsClusterDayAndFourDigitSequence() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.critical("8c1f4b2a9d7e6f01"));

            assertThat(harness.incidents().get(0).getId()).isEqualTo("oci-fra-1.20261128.0001");
        }
    }

    @Test
    void sequenceCountsPerClusterPerDay() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.alert("oci-fra-1", "a", "A", Severity.HIGH, "f1").build())
                    .send(Signals.alert("oci-fra-1", "b", "B", Severity.HIGH, "f2").build())
                    .send(Signals.alert("aws-us-east-1", "a", "A", Severity.HIGH, "f3").build())
                    .send(Signals.alert("oci-fra-1", "c", "C", Severity.HIGH, "f4").build())
                    .send(Signals.alert("oci-fra-1", "d", "D", Severity.HIGH, "f5").build(), T0.plus(Duration.ofDays(1)));

            assertThat(harness.latest().keySet()).containsExactly(
                    "oci-fra-1.20261128.0001", "oci-fra-1.20261128.0002", "aws-us-east-1.20261128.0001",
                    "oci-fra-1.20261128.0003", "oci-fra-1.20261129.0001");
        }
    }
}

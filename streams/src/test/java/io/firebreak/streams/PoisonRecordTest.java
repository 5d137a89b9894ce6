package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PoisonRecordTest {

    @Test
    void unreadableRecordIsSkippedAndTheNextAlertStillPages() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.sendRaw("oci-fra-1", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))
                    .sendRaw("oci-fra-1", new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2})
                    .send(Signals.critical("8c1f4b2a9d7e6f01"));

            assertThat(harness.latest()).containsOnlyKeys("oci-fra-1.20261128.0001");
            assertThat(harness.notifications("pagerduty")).hasSize(1);
        }
    }
}

package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.schemas.registry.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
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

    @Test
    void unreachableRegistryIsTransientSoTheRecordIsNotSkipped() {
        var unavailable = new SchemaRegistryUnavailableException("connection refused", 0, null);

        assertThat(PoisonRecordHandler.isTransient(new SerializationException("cannot read", unavailable))).isTrue();
        assertThat(PoisonRecordHandler.isTransient(unavailable)).isTrue();
        assertThat(PoisonRecordHandler.isTransient(new SerializationException("bad magic byte"))).isFalse();
    }
}

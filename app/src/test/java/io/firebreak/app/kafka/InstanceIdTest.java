package io.firebreak.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdTest {

    @Test
    void aRestartOnTheSameStateDirectoryKeepsItsId(@TempDir Path dir) {
        String first;
        try (InstanceId instance = InstanceId.acquire(dir, Optional.empty())) {
            first = instance.value();
        }
        try (InstanceId again = InstanceId.acquire(dir, Optional.empty())) {
            assertThat(again.value()).isEqualTo(first);
            assertThat(again.ingestTransactionalId("firebreak")).isEqualTo("firebreak-ingest-" + first);
            assertThat(again.groupInstanceId("notify-pagerduty")).isEqualTo(first + "-notify-pagerduty");
        }
    }

    @Test
    void twoStateDirectoriesNeverShareAnId(@TempDir Path a, @TempDir Path b) {
        try (InstanceId one = InstanceId.acquire(a, Optional.empty()); InstanceId two = InstanceId.acquire(b, Optional.empty())) {
            assertThat(one.value()).isNotEqualTo(two.value());
        }
    }

    @Test
    void aSecondInstanceOnALockedStateDirectoryFailsAtStartUp(@TempDir Path dir) {
        try (InstanceId running = InstanceId.acquire(dir, Optional.empty())) {
            assertThatThrownBy(() -> InstanceId.acquire(dir, Optional.empty()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another firebreak instance");
            assertThat(running.value()).isNotBlank();
        }
        // released on close: the next start gets the directory (and the id) again
        try (InstanceId next = InstanceId.acquire(dir, Optional.empty())) {
            assertThat(next.value()).isNotBlank();
        }
    }

    @Test
    void aConfiguredIdWinsAndIsValidated(@TempDir Path dir) throws Exception {
        try (InstanceId instance = InstanceId.acquire(dir, Optional.of("firebreak-0"))) {
            assertThat(instance.value()).isEqualTo("firebreak-0");
        }
        assertThat(Files.exists(dir.resolve(InstanceId.ID_FILE))).isFalse();
        assertThatThrownBy(() -> InstanceId.acquire(dir, Optional.of("has space")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka.instanceId");
    }

    @Test
    void aCorruptIdFileFailsLoudlyInsteadOfMintingANewIdentity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(InstanceId.ID_FILE), "not/valid\n");
        assertThatThrownBy(() -> InstanceId.acquire(dir, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        // the failed start released the lock
        try (InstanceId configured = InstanceId.acquire(dir, Optional.of("x"))) {
            assertThat(configured.value()).isEqualTo("x");
        }
    }
}

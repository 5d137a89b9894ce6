package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CopartitioningTest {

    @Test
    void equalPartitionCountsPass() {
        assertThatCode(() -> Copartitioning.requireEqual(Map.of("firebreak.signals.v1", 3, "firebreak.changes.v1", 3,
                "firebreak.rca.v1", 3, "firebreak.actions.v1", 3))).doesNotThrowAnyException();
    }

    @Test
    void differentCountsFailNamingEveryTopicAndItsCount() {
        assertThatThrownBy(() -> Copartitioning.requireEqual(Map.of("firebreak.signals.v1", 3, "firebreak.changes.v1", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("firebreak.changes.v1=1").hasMessageContaining("firebreak.signals.v1=3")
                .hasMessageContaining("same partition count");
    }
}

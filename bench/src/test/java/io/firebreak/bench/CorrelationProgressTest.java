package io.firebreak.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CorrelationProgressTest {

    private static final TopicPartition P0 = new TopicPartition("firebreak.signals.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("firebreak.signals.v1", 1);

    @Test
    void aPartitionCommittedUpToItsLastCommitMarkerIsCaughtUp() {
        // the last offset below the end is the transaction's commit marker, which the group may not have committed past
        assertThat(CorrelationProgress.behind(Map.of(P0, 99L, P1, 50L), Map.of(P0, 100L, P1, 50L))).isZero();
    }

    @Test
    void countsTheOffsetsStillToCorrelateAndAPartitionNeverCommittedFromZero() {
        assertThat(CorrelationProgress.behind(Map.of(P0, 90L), Map.of(P0, 100L, P1, 11L))).isEqualTo(9 + 10);
    }

    @Test
    void fractionDoneCountsOnlyTheOffsetsOfThisRun() {
        Map<TopicPartition, Long> from = Map.of(P0, 100L, P1, 100L);
        Map<TopicPartition, Long> target = Map.of(P0, 200L, P1, 200L);

        assertThat(CorrelationProgress.fractionDone(from, Map.of(P0, 100L, P1, 100L), target)).isZero();
        assertThat(CorrelationProgress.fractionDone(from, Map.of(P0, 150L, P1, 100L), target)).isCloseTo(0.25, within(1e-9));
        assertThat(CorrelationProgress.fractionDone(from, Map.of(P0, 199L, P1, 200L), target)).isEqualTo(1.0);
    }
}

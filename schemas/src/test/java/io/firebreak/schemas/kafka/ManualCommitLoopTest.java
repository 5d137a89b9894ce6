package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ManualCommitLoopTest {

    /** Two partitions of the incidents topic, three records each. */
    private static final TopicPartition P0 = new TopicPartition("firebreak.incidents.v1", 0);
    private static final TopicPartition P1 = new TopicPartition(P0.topic(), 1);

    private final List<String> handled = new ArrayList<>();
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final ManualCommitLoop<String, String> loop = new ManualCommitLoop<>(consumer);

    ManualCommitLoopTest() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        for (long offset = 0; offset < 3; offset++) {
            consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, offset, "oci-fra-1.0" + offset, "p0"));
            consumer.addRecord(new ConsumerRecord<>(P1.topic(), 1, offset, "oci-ams-1.0" + offset, "p1"));
        }
    }

    @Test
    void commitsEveryPartitionPastTheRecordsItFinished() {
        loop.pollOnce(Duration.ZERO, record -> handled.add(record.partition() + "/" + record.offset()));

        assertThat(handled).containsExactlyInAnyOrder("0/0", "0/1", "0/2", "1/0", "1/1", "1/2");
        assertThat(consumer.committed(Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(3)).containsEntry(P1, new OffsetAndMetadata(3));
    }

    @Test
    void aPartitionStopsAtItsFirstUnfinishedRecordWhichIsReadAgainNextAndNotCommitted() {
        loop.pollOnce(Duration.ZERO, record -> {
            handled.add(record.partition() + "/" + record.offset());
            return !(record.partition() == 0 && record.offset() == 1);
        });

        // nothing after the unfinished record overtakes it, and the other partition goes on
        assertThat(handled).containsExactlyInAnyOrder("0/0", "0/1", "1/0", "1/1", "1/2");
        assertThat(consumer.committed(Set.of(P0, P1))).containsEntry(P0, new OffsetAndMetadata(1)).containsEntry(P1, new OffsetAndMetadata(3));
        assertThat(consumer.position(P0)).isEqualTo(1);
    }
}

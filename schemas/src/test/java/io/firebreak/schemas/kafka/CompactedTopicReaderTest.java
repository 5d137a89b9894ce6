package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CompactedTopicReaderTest {

    private static final String TOPIC = "firebreak.deliveries.v1";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final CompactedTopicReader<String, String> reader = new CompactedTopicReader<>(consumer);

    CompactedTopicReaderTest() {
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void readsEveryPartitionFromItsBeginningToTheEndItHadWhenReadingStarted() {
        consumer.updateEndOffsets(Map.of(P0, 3L, P1, 2L));
        assertThat(reader.assignFromBeginning(List.of(TOPIC), Duration.ofSeconds(1))).isTrue();
        for (long offset = 0; offset < 4; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "incident-" + offset, "p0"));
        }
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, "incident-a", "p1"));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 1, "incident-b", "p1"));
        List<String> read = new ArrayList<>();

        boolean complete = reader.readToEnd(records -> records.forEach(r -> read.add(r.partition() + "/" + r.offset())),
                Duration.ofSeconds(5), () -> true);

        assertThat(complete).isTrue();
        assertThat(reader.caughtUp()).isTrue();
        // p0's offset 3 was written after reading started: left for a reader that follows the topic
        assertThat(read).containsExactlyInAnyOrder("0/0", "0/1", "0/2", "1/0", "1/1");
    }

    @Test
    void anEmptyTopicIsReadAtOnce() {
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
        assertThat(reader.assignFromBeginning(List.of(TOPIC), Duration.ofSeconds(1))).isTrue();

        assertThat(reader.readToEnd(records -> { }, Duration.ofSeconds(5), () -> true)).isTrue();
    }

    @Test
    void givesUpWhenTheLimitPassesBeforeTheEnd() {
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 0L));
        reader.assignFromBeginning(List.of(TOPIC), Duration.ofSeconds(1));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "incident-0", "p0"));

        assertThat(reader.readToEnd(records -> { }, Duration.ofMillis(200), () -> true)).isFalse();
        assertThat(reader.caughtUp()).isFalse();
    }

    @Test
    void stopsWhenAskedToBeforeTheEnd() {
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 0L));
        reader.assignFromBeginning(List.of(TOPIC), Duration.ofSeconds(1));

        assertThat(reader.readToEnd(records -> { }, Duration.ofSeconds(30), () -> false)).isFalse();
    }

    @Test
    void aTopicWithoutPartitionsIsNotAssigned() {
        assertThat(reader.assignFromBeginning(List.of("firebreak.not-created-yet.v1"), Duration.ofSeconds(1))).isFalse();
        assertThat(reader.caughtUp()).isTrue();
    }

    private static PartitionInfo partition(int number) {
        return new PartitionInfo(TOPIC, number, null, null, null);
    }
}

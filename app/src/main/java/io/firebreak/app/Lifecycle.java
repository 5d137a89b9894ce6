package io.firebreak.app;

import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/** Shutdown of the Kafka Streams applications. */
final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * Closes and leaves the consumer group. A plain close keeps the member until its session times out (45 s), so a
     * restarted instance would get no partitions — and page nobody — for that long.
     */
    static void closeLeavingGroup(KafkaStreams streams) {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}

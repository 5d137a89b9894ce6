package io.firebreak.notifiers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one batch that are finished but not committed yet, because their receipts are still on the way.
 * {@link #checkpoint()} flushes the producer, makes sure every write was acknowledged (re-sending refused ones),
 * and only then commits, per partition, the offset after the last record whose writes all succeeded.
 *
 * <p>Why this is as safe as one commit per record: a partition's offsets are committed only past records whose
 * receipt (and dead letter) Kafka acknowledged, and never past a record that is not finished, so a crash loses
 * nothing; it re-delivers at most the batch's uncommitted records, which the receivers' idempotency keys absorb.
 * Once a partition has a record that cannot be finished (stopping, revoked, commit lost to a rebalance) it is
 * <em>blocked</em>: nothing after it in this batch is committed, and it is rewound to its first uncommitted record.
 */
final class PendingCommits {

    private final ChannelConsumer consumer;
    private final OutcomeWriter writer;
    private final List<OutcomeWriter.Write> writes = new ArrayList<>();
    /** Per partition, the first offset not committed yet: where a lost commit must rewind to. */
    private final Map<TopicPartition, Long> uncommittedFrom = new HashMap<>();
    /** Per blocked partition, its first record that is not finished: nothing from there on is committed. */
    private final Map<TopicPartition, Long> blockedFrom = new HashMap<>();
    private final Clock clock;
    private Instant lastCheckpoint;

    PendingCommits(ChannelConsumer consumer, OutcomeWriter writer, Clock clock) {
        this.consumer = consumer;
        this.writer = writer;
        this.clock = clock;
        this.lastCheckpoint = clock.instant();
    }

    /** Time since the last {@link #checkpoint()} (or since the batch began). */
    Duration since() {
        return Duration.between(lastCheckpoint, clock.instant());
    }

    /** A finished record, in consumption order. Ignored for a blocked partition: it will be read again. */
    void add(OutcomeWriter.Write write) {
        if (blocked(write.partition)) {
            return;
        }
        uncommittedFrom.putIfAbsent(write.partition, write.offset);
        writes.add(write);
    }

    /** Leaves {@code partition}'s records of this batch from {@code offset} on for later: rewound there, never committed. */
    void block(TopicPartition partition, long offset) {
        long from = blockedFrom.merge(partition, offset, Math::min);
        consumer.rewind(partition, from);
    }

    boolean blocked(TopicPartition partition) {
        return blockedFrom.containsKey(partition);
    }

    /**
     * Commits every finished record whose writes were acknowledged. Called before the thread waits (a backoff,
     * a keep-alive poll: a rebalance may move partitions meanwhile) and at the end of each batch.
     */
    void checkpoint() {
        lastCheckpoint = clock.instant();
        if (writes.isEmpty()) {
            return;
        }
        writer.flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (OutcomeWriter.Write write : writes) {
            if (write.offset >= blockedFrom.getOrDefault(write.partition, Long.MAX_VALUE)) {
                continue; // behind an unfinished record: committing it would skip that one
            }
            if (writer.settle(write, (wait, owner) -> consumer.pausedWait(wait, Optional.of(owner)))) {
                offsets.put(write.partition, new OffsetAndMetadata(write.offset + 1));
            } else {
                block(write.partition, write.offset);
            }
        }
        writes.clear();
        if (consumer.commit(offsets)) {
            offsets.keySet().forEach(uncommittedFrom::remove);
        } else {
            offsets.keySet().forEach(partition -> block(partition, uncommittedFrom.remove(partition)));
        }
    }
}

package io.firebreak.notifiers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel's consumer-group membership: polls, waits without leaving the group (pause + poll), tracks which
 * partitions were revoked under the current batch, rewinds, commits. Everything here runs on the service thread;
 * only {@link #wakeup()} may be called from another.
 */
final class ChannelConsumer {

    private static final Logger log = LoggerFactory.getLogger(ChannelConsumer.class);

    /** How long one poll may block: also how quickly the thread notices that the service is closing. */
    static final Duration POLL = Duration.ofMillis(500);

    private final String channel;
    private final Consumer<String, byte[]> consumer;
    private final ChannelHealth health;
    private final Clock clock;
    private final BooleanSupplier running;
    /** Partitions revoked since the current batch was polled: their remaining records belong to someone else now. */
    private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();
    private volatile boolean pausing;

    ChannelConsumer(String channel, Consumer<String, byte[]> consumer, ChannelHealth health, Clock clock, BooleanSupplier running) {
        this.channel = channel;
        this.consumer = consumer;
        this.health = health;
        this.clock = clock;
        this.running = running;
    }

    void subscribe(String topic) {
        consumer.subscribe(List.of(topic), new RebalanceListener());
    }

    /** The next batch; the lag gauge and the health check's last-poll time follow it. */
    ConsumerRecords<String, byte[]> poll() {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        // revocations inside that poll came before its records, which are all ours: start the batch clean
        revoked.clear();
        health.polled();
        health.lag(lag(records));
        return records;
    }

    /** False once {@code partition} was revoked during the current batch. */
    boolean owns(TopicPartition partition) {
        return !revoked.contains(partition);
    }

    /**
     * Waits without leaving the group: every assigned partition is paused and {@code poll} keeps running, so
     * the group coordinator sees a live member while no new records are taken.
     *
     * @param owner the partition whose record is waiting, if any
     * @return true when the wait ran its course and {@code owner} is still ours; false when stopping or it was revoked
     */
    boolean pausedWait(Duration wait, Optional<TopicPartition> owner) {
        Instant deadline = clock.instant().plus(wait);
        pausing = true;
        try {
            consumer.pause(consumer.assignment());
            do {
                Duration left = Duration.between(clock.instant(), deadline);
                ConsumerRecords<String, byte[]> unexpected = consumer.poll(left.isNegative() ? Duration.ZERO : min(left, POLL));
                health.polled();
                // partitions assigned during this poll were not paused yet; put their records back for later
                rewindAll(unexpected);
                consumer.pause(consumer.assignment());
            } while (running.getAsBoolean() && clock.instant().isBefore(deadline) && owner.map(this::owns).orElse(true));
        } finally {
            pausing = false;
            consumer.resume(consumer.paused());
        }
        return running.getAsBoolean() && owner.map(this::owns).orElse(true);
    }

    /**
     * Commits, or reports that a rebalance took the partitions first: their new owner reads from the last commit,
     * so the loss is a duplicate delivery at worst.
     */
    boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(offsets);
            return true;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            log.warn("offset commit lost to a rebalance channel={} offsets={} error={}", channel, offsets, e.toString());
            return false;
        }
    }

    /** Reads {@code partition} again from {@code offset}, if it is still ours. */
    void rewind(TopicPartition partition, long offset) {
        if (consumer.assignment().contains(partition) && owns(partition)) {
            consumer.seek(partition, offset);
        }
    }

    /** After an unexpected error nobody knows which fetched records were finished: read again from the last commit. */
    void rewindToCommitted() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata at = committed.get(partition);
            if (at != null) {
                consumer.seek(partition, at);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    /** Interrupts a blocking poll from another thread (close() past its grace period). */
    void wakeup() {
        consumer.wakeup();
    }

    /** Leaves the group even as a static member, so a clean stop hands the partitions to another instance at once. */
    void close() {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
    }

    private void rewindAll(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    /** Records not yet delivered as of this poll: the ones just fetched plus the ones behind them on the broker. */
    private long lag(ConsumerRecords<String, byte[]> fetched) {
        long total = fetched.count();
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Runs inside poll(), on the service thread. */
    private final class RebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            revoked.addAll(partitions);
            if (!partitions.isEmpty()) {
                log.info("partitions revoked channel={} partitions={}", channel, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (pausing) {
                consumer.pause(partitions); // a retry is waiting: take nothing new until it is done
            }
            if (!partitions.isEmpty()) {
                log.info("partitions assigned channel={} partitions={}", channel, partitions);
            }
        }
    }
}

package io.firebreak.notifiers;

import io.firebreak.events.Notification;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.SchemaRegistryException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One polled batch, record by record: read the notification, deliver it through the retry stage, hand its
 * receipt (or dead letter) to the {@link OutcomeWriter} without waiting, and commit via {@link PendingCommits}
 * before any wait, at least every {@link #CHECKPOINT_EVERY} of delivering, and at the end of the batch.
 *
 * <p>Why commit within a batch: a kill delivers everything uncommitted again. A batch is up to
 * {@link NotifierService#MAX_POLL_RECORDS} deliveries, and with a backlog (a restart, a storm opening incidents) each
 * takes the receiver's round trip, so a kill repeated about eight pages (bench {@code CrashSoak}). Committing as the
 * batch goes bounds a repeat to the deliveries of the last {@link #CHECKPOINT_EVERY} plus the one in flight.
 *
 * <p>Per-incident order: records are keyed by incident id, so one incident's notifications share a partition, and
 * this thread delivers a partition's records strictly one after the other. A record that is left unfinished (a
 * retry abandoned, the registry unreachable) blocks the rest of its partition in this batch, so a resolve never
 * overtakes its trigger.
 */
final class BatchDelivery {

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    /** Between two records of a batch the thread polls (paused) when it has not for this long. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    /** Wait before reading again after the registry was unreachable, so an outage does not spin. */
    static final Duration REGISTRY_PAUSE = Duration.ofSeconds(1);
    /**
     * Within a batch, what is finished is committed once this long has passed since the last commit: after every
     * delivery to a receiver across a network (PagerDuty answers in 100 ms or more), and at most 20 commits a second
     * to a fast one.
     */
    static final Duration CHECKPOINT_EVERY = Duration.ofMillis(50);

    private final String channel;
    private final Deserializer<Notification> reader;
    private final RetryingDelivery retrying;
    private final OutcomeWriter writer;
    private final ChannelConsumer consumer;
    private final ChannelHealth health;
    private final NotifierMetrics metrics;
    private final BooleanSupplier running;
    private final Clock clock;

    BatchDelivery(String channel, Deserializer<Notification> reader, RetryingDelivery retrying, OutcomeWriter writer,
                  ChannelConsumer consumer, ChannelHealth health, NotifierMetrics metrics, BooleanSupplier running, Clock clock) {
        this.channel = channel;
        this.reader = reader;
        this.retrying = retrying;
        this.writer = writer;
        this.consumer = consumer;
        this.health = health;
        this.metrics = metrics;
        this.running = running;
        this.clock = clock;
    }

    void process(ConsumerRecords<String, byte[]> records) {
        PendingCommits pending = new PendingCommits(consumer, writer, clock);
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running.getAsBoolean()) {
                break; // the rest is not committed: read again on the next start
            }
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (pending.blocked(partition) || !consumer.owns(partition)) {
                continue; // keeps per-partition order: nothing after an unfinished record may be delivered
            }
            if (health.sinceLastPoll().compareTo(KEEP_ALIVE) > 0 && !waitFor(pending, Duration.ZERO, partition)) {
                continue;
            }
            handle(record, partition, pending);
            if (pending.since().compareTo(CHECKPOINT_EVERY) >= 0) {
                pending.checkpoint();
            }
        }
        pending.checkpoint();
    }

    private void handle(ConsumerRecord<String, byte[]> record, TopicPartition partition, PendingCommits pending) {
        Notification notification;
        try {
            notification = reader.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (SchemaRegistryException.unreachableIn(e)) {
                log.warn("schema registry unavailable, will read again channel={} partition={} offset={} error={}",
                        channel, partition, record.offset(), e.toString());
                pending.block(partition, record.offset());
                pending.checkpoint();
                consumer.pausedWait(REGISTRY_PAUSE, Optional.of(partition));
                return;
            }
            metrics.poison.inc();
            metrics.dlq.inc();
            log.error("unreadable notification dead-lettered channel={} partition={} offset={} key={} dlq={} error={}",
                    channel, partition, record.offset(), record.key(), Topics.deadLetters(channel).name(), e.toString());
            pending.add(writer.unreadable(record, partition, e));
            return;
        }
        if (notification == null) {
            pending.add(writer.nothing(partition, record.offset())); // a tombstone: nothing to deliver
            return;
        }
        RetryingDelivery.Result result = retrying.deliver(notification, wait -> waitFor(pending, wait, partition), writer::retrying);
        if (result instanceof RetryingDelivery.Result.Delivered delivered) {
            pending.add(writer.delivered(partition, record.offset(), notification, delivered.outcome(), delivered.attempts()));
        } else if (result instanceof RetryingDelivery.Result.DeadLettered dead) {
            pending.add(writer.deadLettered(partition, record.offset(), notification, dead.letter()));
        } else {
            pending.block(partition, record.offset()); // abandoned: stopping, or the partition moved to another member
        }
    }

    /**
     * Commits what is finished, then waits without leaving the group: a rebalance during the wait may hand the
     * partitions to another member, which then starts from a commit that includes everything delivered so far.
     */
    private boolean waitFor(PendingCommits pending, Duration wait, TopicPartition partition) {
        pending.checkpoint();
        return !pending.blocked(partition) && consumer.pausedWait(wait, Optional.of(partition));
    }
}

package io.firebreak.streams.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Kafka Streams application) is behind its inputs, in time: the age of the oldest input
 * record it has not processed yet. Per input partition, the group's committed offset is the next record to process;
 * if it is below the last stable offset (what a read_committed reader can see), the record at that offset is read
 * (one fetch) and its timestamp taken. The lag is {@code now - } the oldest such timestamp, zero when every partition
 * is caught up.
 *
 * <p>Why this and not Kafka Streams' own {@code records-lag} or end-to-end latency: those are per instance and are
 * only updated while the thread runs — a dead or stuck thread, the case that matters, reports nothing — and a lag in
 * records says nothing about time. Committed offsets are the group's, so every instance reports the same value for the
 * whole application. Timestamps are the inputs' CreateTime, which ingest stamps when it accepts a request, so this is
 * "how long ago the oldest unprocessed alert was acknowledged". A partition with no commit yet is read from its
 * earliest offset (the application's {@code auto.offset.reset}). Cost per sample: three admin requests, plus one fetch
 * per lagging partition.
 */
public final class InputLag implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final Consumer<byte[], byte[]> peek;
    private final String groupId;
    private final List<String> topics;
    private final Clock clock;

    /**
     * @param peek a consumer of its own, {@code isolation.level=read_committed}, without a group (it is only assigned
     *             partitions and seeks); closed with this
     */
    public InputLag(Admin admin, Consumer<byte[], byte[]> peek, String groupId, List<String> topics, Clock clock) {
        this.admin = admin;
        this.peek = peek;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.clock = clock;
    }

    /** The age of the oldest unprocessed input record, {@link Duration#ZERO} when none is waiting. */
    public Duration sample() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, Long> stable = offsets(partitions(), OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Set<TopicPartition> uncommitted = new HashSet<>(stable.keySet());
        uncommitted.removeIf(tp -> committed.get(tp) != null);
        Map<TopicPartition, Long> earliest = uncommitted.isEmpty() ? Map.of() : offsets(uncommitted, OffsetSpec.earliest());

        Map<TopicPartition, Long> next = new HashMap<>();
        stable.forEach((tp, end) -> {
            OffsetAndMetadata commit = committed.get(tp);
            long position = commit != null ? commit.offset() : earliest.getOrDefault(tp, 0L);
            if (position < end) {
                next.put(tp, position);
            }
        });
        Instant now = clock.instant();
        return oldestTimestamp(next, stable).map(oldest -> Duration.between(oldest, now)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /**
     * The oldest timestamp among the first committed record at or after each position. A partition may show an offset
     * gap with nothing to read — transaction markers, aborted records — which the read_committed consumer skips: its
     * position then reaches the stable offset without a record.
     */
    private java.util.Optional<Instant> oldestTimestamp(Map<TopicPartition, Long> next, Map<TopicPartition, Long> stable) {
        if (next.isEmpty()) {
            return java.util.Optional.empty();
        }
        peek.assign(next.keySet());
        next.forEach(peek::seek);
        Set<TopicPartition> pending = new HashSet<>(next.keySet());
        long oldest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : peek.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (pending.remove(tp)) {
                    oldest = Math.min(oldest, record.timestamp());
                    peek.pause(List.of(tp));
                }
            }
            pending.removeIf(tp -> peek.position(tp, Duration.ofSeconds(1)) >= stable.get(tp));
        }
        peek.assign(List.of());
        return oldest == Long.MAX_VALUE ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(oldest));
    }

    private List<TopicPartition> partitions() throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.forEach((name, description) -> description.partitions()
                .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(java.util.Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answer = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        peek.close();
    }
}

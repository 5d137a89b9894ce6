package io.firebreak.schemas.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads topics to their end, where "the end" is each partition's end offset when reading started. That is how a
 * compacted topic (incidents, deliveries, postmortems, burn rates) is loaded: every partition assigned, no consumer
 * group (every instance reads everything), from the beginning, read_committed — the latest value per key, and for a
 * view that goes on following the topic, every later change. With a group's consumer positioned at its commits, the
 * same reading drains what a topic held when it started (a DLQ replay) without chasing records written meanwhile.
 */
public final class CompactedTopicReader<K, V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    /** What a reader does with the records of one poll that lie before the noted ends. */
    @FunctionalInterface
    public interface Batch<K, V> {
        void accept(List<ConsumerRecord<K, V>> records);
    }

    private final Consumer<K, V> consumer;
    private Map<TopicPartition, Long> ends = Map.of();

    /** Reads with {@code consumer} (closed with the reader). */
    public CompactedTopicReader(Consumer<K, V> consumer) {
        this.consumer = consumer;
    }

    /** A reader with a consumer of its own: {@code config} without group membership, reading committed records only. */
    public static <K, V> CompactedTopicReader<K, V> open(ClientConfigs config, Deserializer<K> keys, Deserializer<V> values) {
        return new CompactedTopicReader<>(new KafkaConsumer<>(config.withoutGroup().committedReads().build(), keys, values));
    }

    /**
     * Assigns every partition of {@code topics} from its beginning and notes where each ends now.
     *
     * @return false when none of the topics has a partition (yet)
     */
    public boolean assignFromBeginning(Collection<String> topics, Duration timeout) {
        List<TopicPartition> partitions = assign(topics, timeout);
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.seekToBeginning(partitions);
        noteEnds(timeout);
        return true;
    }

    /** Assigns every partition of {@code topics} at the consumer's own positions (its group's commits), ends not noted. */
    public List<TopicPartition> assign(Collection<String> topics, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        consumer.assign(partitions);
        return partitions;
    }

    /** Takes each assigned partition's end offset as of now as the end to read to. */
    public void noteEnds(Duration timeout) {
        ends = Map.copyOf(consumer.endOffsets(consumer.assignment(), timeout));
    }

    /** True once every assigned partition reached the end noted for it. */
    public boolean caughtUp() {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Reads until caught up, handing each poll's records before the noted ends to {@code batch}; a partition that
     * reached its end is paused, so what is written meanwhile is left for later. A record that cannot be deserialized
     * is logged and skipped: it would otherwise stop its partition for good.
     *
     * @return true once caught up; false when {@code limit} passed first or {@code keepGoing} turned false
     */
    public boolean readToEnd(Batch<K, V> batch, Duration limit, BooleanSupplier keepGoing) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!caughtUp()) {
            if (!keepGoing.getAsBoolean() || System.nanoTime() - deadline > 0) {
                return false;
            }
            List<ConsumerRecord<K, V>> before = new ArrayList<>();
            try {
                for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                    Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                    if (end != null && record.offset() < end) {
                        before.add(record);
                    }
                }
            } catch (RecordDeserializationException e) {
                PoisonRecords.skip(consumer, e);
            }
            batch.accept(before);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (consumer.position(end.getKey()) >= end.getValue()) {
                    consumer.pause(List.of(end.getKey()));
                }
            }
        }
        return true;
    }

    /** Reads until caught up, however long that takes (a year stands for "no limit": it fits a nanosecond clock). */
    public void readToEnd(Batch<K, V> batch) {
        readToEnd(batch, Duration.ofDays(365), () -> true);
    }

    /** One poll, for a reader that follows the topics after catching up. */
    public ConsumerRecords<K, V> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /** Reads from {@code offset} of {@code partition} next (e.g. a record to read again). */
    public void seek(TopicPartition partition, long offset) {
        consumer.seek(partition, offset);
    }

    /** Makes a blocked {@link #poll} throw {@link org.apache.kafka.common.errors.WakeupException}, from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    public void close(Duration timeout) {
        consumer.close(timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

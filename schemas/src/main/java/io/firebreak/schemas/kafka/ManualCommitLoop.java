package io.firebreak.schemas.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A consumer group member that reads only committed records and commits by hand, one poll at a time: each
 * partition's records are handled in order; a partition stops at its first record the handler could not finish,
 * which is read again on the next poll; then the offsets after the finished records are committed. So a record's
 * offset is committed only once what it caused was done (at-least-once), and per-partition order holds. A record
 * that cannot be deserialized is logged and skipped: it would stall its partition forever.
 */
public final class ManualCommitLoop<K, V> implements AutoCloseable {

    /** What the member does with one record: true once it is finished (its offset may be committed). */
    @FunctionalInterface
    public interface Handler<K, V> {
        boolean handle(ConsumerRecord<K, V> record);
    }

    private final Consumer<K, V> consumer;

    public ManualCommitLoop(Consumer<K, V> consumer) {
        this.consumer = consumer;
    }

    /** A member of the group in {@code config}, reading committed records only and never committing by itself. */
    public static <K, V> ManualCommitLoop<K, V> open(ClientConfigs config, Deserializer<K> keys, Deserializer<V> values) {
        return new ManualCommitLoop<>(new KafkaConsumer<>(config.committedReads().build(), keys, values));
    }

    public void subscribe(String topic) {
        consumer.subscribe(List.of(topic));
    }

    /** One poll of at most {@code timeout}, handled and committed as described above. */
    public void pollOnce(Duration timeout, Handler<K, V> handler) {
        ConsumerRecords<K, V> records;
        try {
            records = consumer.poll(timeout);
        } catch (RecordDeserializationException e) {
            PoisonRecords.skip(consumer, e);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<K, V> record : records.records(partition)) {
                if (!handler.handle(record)) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    /** Makes a blocked poll throw {@link org.apache.kafka.common.errors.WakeupException}, from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** Leaves the group even as a static member ({@code group.instance.id}), so another member takes over at once. */
    public void closeLeavingGroup(Duration timeout) {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(timeout));
    }

    @Override
    public void close() {
        consumer.close();
    }
}

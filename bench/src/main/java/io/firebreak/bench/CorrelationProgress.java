package io.firebreak.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the correlation has got through an input topic: the offsets its consumer group committed against the
 * topic's end offsets, read with an {@link Admin} client. The correlation runs {@code exactly_once_v2}, so a committed
 * offset means the signal's state changes and outputs (incident, pages) are committed too: "correlated end to end".
 *
 * <p>Every record on {@code firebreak.signals.v1} is written in a transaction (ingest's), so a partition's last
 * offset before the end is a commit marker, which a consumer skips but may or may not have committed past. A partition
 * counts as caught up at {@code end - 1}: every data record below the snapshot has been processed.
 */
final class CorrelationProgress implements AutoCloseable {

    private final Admin admin;
    private final String groupId;
    private final String topic;

    CorrelationProgress(String bootstrapServers, String groupId, String topic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.groupId = groupId;
        this.topic = topic;
    }

    /** The last stable offsets (read_committed end) of every partition of the topic. */
    Map<TopicPartition, Long> endOffsets() throws Exception {
        List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The group's committed offsets on the topic; a partition it never committed counts as 0. */
    Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> onTopic = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                onTopic.put(partition, offset.offset());
            }
        });
        return onTopic;
    }

    /** Offsets still to correlate below {@code target} (see the class comment for the − 1). */
    static long behind(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> target) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            behind += Math.max(0, end.getValue() - 1 - committed.getOrDefault(end.getKey(), 0L));
        }
        return behind;
    }

    /** Share of the offsets between {@code from} and {@code target} that are committed, 0..1. */
    static double fractionDone(Map<TopicPartition, Long> from, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> target) {
        long total = 0;
        long done = 0;
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            long start = from.getOrDefault(end.getKey(), 0L);
            total += Math.max(0, end.getValue() - start);
            long at = committed.getOrDefault(end.getKey(), 0L);
            done += Math.max(0, (at >= end.getValue() - 1 ? end.getValue() : at) - start);
        }
        return total == 0 ? 1 : (double) done / total;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("admin call for group " + groupId + " on " + topic + " timed out", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

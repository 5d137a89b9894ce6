package io.firebreak.slo;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * An SLO belongs to the instance whose SLO engine holds the active task of its {@link SloTopology#SAMPLES_TOPIC}
 * partition: Kafka Streams' group assignment is the lease, so no other coordination is needed. A task is revoked
 * from one instance before it is assigned to another, and a dead instance's tasks move only after its session ends,
 * so at any moment at most one live instance owns an SLO. The partition is the one the producer's default partitioner
 * picks for the SLO name (murmur2 of the key), so the owner also processes the samples it sends.
 */
public final class SamplePartitionOwnership implements SliPollOwnership {

    private final KafkaStreams engine;
    private final int partitions;
    private final StringSerializer keys = new StringSerializer();

    /** {@code partitions}: the partition count of {@link SloTopology#SAMPLES_TOPIC}. */
    public SamplePartitionOwnership(KafkaStreams engine, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the samples topic needs a partition, got " + partitions);
        }
        this.engine = engine;
        this.partitions = partitions;
    }

    @Override
    public boolean owns(String slo) {
        return activeSamplePartitions().contains(partitionOf(slo));
    }

    int partitionOf(String slo) {
        return Utils.toPositive(Utils.murmur2(keys.serialize(SloTopology.SAMPLES_TOPIC, slo))) % partitions;
    }

    private Set<Integer> activeSamplePartitions() {
        if (!engine.state().isRunningOrRebalancing()) {
            return Set.of();
        }
        return engine.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(SloTopology.SAMPLES_TOPIC))
                .map(TopicPartition::partition)
                .collect(Collectors.toUnmodifiableSet());
    }
}

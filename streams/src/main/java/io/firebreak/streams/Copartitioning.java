package io.firebreak.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * The rule behind {@link IncidentTopology#requireCopartitioned}: every input keyed by cluster has the same
 * partition count, so partition p of each holds the same clusters and lands in the same task.
 */
final class Copartitioning {

    private Copartitioning() {
    }

    /** Throws, naming every topic and its count, unless all counts are equal. */
    static void requireEqual(Map<String, Integer> partitionsByTopic) {
        if (partitionsByTopic.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("topics " + new TreeMap<>(partitionsByTopic) + " must have the same partition count:"
                    + " they are keyed by cluster and correlated in one task per partition, so with different counts a"
                    + " cluster's changes, RCA reports or commands would reach a task that does not hold its incidents."
                    + " Create them with equal partitions (or add partitions to the smaller ones before any data arrives).");
        }
    }
}

package io.firebreak.streams;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.schemas.Topics;

/**
 * Creates every firebreak topic on the shared embedded broker with one partition count, as the app does: the
 * cluster-keyed inputs must be co-partitioned, and the broker (and its topics) is shared by all ITs of a run,
 * so every IT must ask for the same count or the first one to run decides for the others.
 */
final class EmbeddedTopics {

    static final int PARTITIONS = 3;

    private EmbeddedTopics() {
    }

    static void createAll(EmbeddedCluster cluster) {
        Topics.all().forEach(topic -> cluster.createTopic(topic.name(), PARTITIONS));
        Topics.deadLetterTopics().forEach(topic -> cluster.createTopic(topic.name(), PARTITIONS));
    }
}

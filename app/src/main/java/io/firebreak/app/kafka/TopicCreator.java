package io.firebreak.app.kafka;

import io.firebreak.schemas.DeadLetterTopic;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of DESIGN §2 that do not exist yet; existing topics are never altered. */
public record TopicCreator(Admin admin, int partitions, short replicationFactor) {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final java.time.Duration DELIVERY_HISTORY = java.time.Duration.ofDays(30);

    public void createMissing() throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new java.util.ArrayList<>(Topics.all().stream()
                .filter(topic -> !existing.contains(topic.name()))
                .map(this::newTopic)
                .toList());
        // a streams application whose dead-letter topic is missing would block on its metadata when it parks a record
        Topics.deadLetterTopics().stream().filter(topic -> !existing.contains(topic.name())).map(this::newTopic).forEach(missing::add);
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e; // another instance creating the same topics at the same time is fine
            }
        }
        awaitVisible(missing.stream().map(NewTopic::name).toList());
        LOG.info("created topics count={} partitions={} replicationFactor={}", missing.size(), partitions, replicationFactor);
    }

    /**
     * Fails start-up, naming the topics, when a dead-letter topic is missing (e.g. {@code kafka.createTopics: false}):
     * a streams application parking a record on a missing topic would block on its metadata for a minute, fail the task
     * and meet the same record again.
     */
    public static void requireExisting(Admin admin, List<DeadLetterTopic> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> missing = topics.stream().map(DeadLetterTopic::name).filter(name -> !existing.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing dead-letter topics " + missing + ": create them (delete, 30 days) or set "
                    + "kafka.createTopics: true");
        }
    }

    /** Topic creation returns before every broker's metadata knows the topic; wait so the next describe finds it. */
    private void awaitVisible(List<String> names) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    NewTopic newTopic(DeadLetterTopic topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        if (replicationFactor > 1) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor - 1));
        }
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
    }

    NewTopic newTopic(Topic<?> topic) {
        Map<String, String> configs = new HashMap<>();
        if (topic.cleanup() == Topic.Cleanup.COMPACT) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.retention().isPresent()
                    ? TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE : TopicConfig.CLEANUP_POLICY_COMPACT);
            topic.retention().ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
            if (topic.equals(Topics.DELIVERIES)) {
                // keyed by incident id, so compaction would keep only an incident's last receipt: the Slack card's
                // channel:ts (needed to update it in place) and the delivery history must outlive a long incident
                configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(DELIVERY_HISTORY.toMillis()));
            }
        } else {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            topic.retention().ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
        }
        if (replicationFactor > 1) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor - 1));
        }
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
    }
}

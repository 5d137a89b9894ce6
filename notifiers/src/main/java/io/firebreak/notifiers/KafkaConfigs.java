package io.firebreak.notifiers;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The client settings every notifier-side Kafka client needs, whatever else the caller adds: consumers that
 * commit by hand and never see aborted transactions, producers that are acknowledged by every in-sync replica.
 */
final class KafkaConfigs {

    private KafkaConfigs() {
    }

    /**
     * Auto-commit off (an offset is committed only after its outputs were acknowledged) and read_committed
     * (notifications come from the exactly-once correlation topology: an aborted transaction must never page).
     */
    static Map<String, Object> manualCommitConsumer(Map<String, Object> kafkaConfig, String groupId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /** acks=all + idempotence: an acknowledged receipt or dead letter survives a broker failure and is never doubled by a retry. */
    static Map<String, Object> acknowledgedProducer(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }
}

package io.firebreak.schemas.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds a Kafka client's settings from the shared connection settings (bootstrap servers, security: what every
 * client gets) plus what this client's job needs. Each step names a guarantee, so a reader sees why a setting is there.
 */
public final class ClientConfigs {

    /**
     * How long a static member ({@code group.instance.id}) may be silent before the group coordinator hands its
     * partitions to the other instances: 15 s instead of the consumer's 45 s. Static membership keeps a crashed
     * member's partitions waiting for it, which a restarted instance takes back within seconds; an instance that does
     * not come back (its node died) would hold its share of the pages back for the whole timeout. Shorter risks a
     * rebalance on every long pause; the shared settings ({@code kafka.properties}) may name another.
     */
    public static final int STATIC_MEMBER_SESSION_TIMEOUT_MS = 15_000;

    private final Map<String, Object> config;

    private ClientConfigs(Map<String, Object> connection) {
        this.config = new HashMap<>(connection);
    }

    public static ClientConfigs from(Map<String, Object> connection) {
        return new ClientConfigs(connection);
    }

    /** A producer whose acknowledged records survive a broker failure and are never doubled by its own retries. */
    public static Map<String, Object> acknowledgedProducer(Map<String, Object> connection) {
        return from(connection).acknowledged().build();
    }

    /**
     * read_committed and auto-commit off: the records read come from exactly-once writers (an aborted transaction
     * must never page or show), and an offset is committed by the reader when it is done with the record — or never,
     * for a reader that does not belong to a group.
     */
    public ClientConfigs committedReads() {
        return with(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    public ClientConfigs group(String groupId) {
        return set(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }

    /**
     * Static membership as {@code groupInstanceId}, with {@link #STATIC_MEMBER_SESSION_TIMEOUT_MS} unless the shared
     * settings name a session timeout.
     */
    public ClientConfigs staticMember(String groupInstanceId) {
        set(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        return setIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, STATIC_MEMBER_SESSION_TIMEOUT_MS);
    }

    /**
     * Neither group nor static membership nor its session, whatever the shared settings carry: for a reader that
     * assigns itself every partition (each instance reads everything) and for producers.
     */
    public ClientConfigs withoutGroup() {
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        return this;
    }

    /** acks=all + idempotence. */
    public ClientConfigs acknowledged() {
        return with(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    }

    public ClientConfigs clientId(String clientId) {
        return set(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    }

    public ClientConfigs set(String key, Object value) {
        return with(Map.of(key, value));
    }

    /** A default the shared settings (e.g. an operator's {@code kafka.properties}) may override. */
    public ClientConfigs setIfAbsent(String key, Object value) {
        config.putIfAbsent(key, value);
        return this;
    }

    private ClientConfigs with(Map<String, Object> settings) {
        config.putAll(settings);
        return this;
    }

    /** A copy, so the builder can go on to build another client's settings. */
    public Map<String, Object> build() {
        return new HashMap<>(config);
    }
}

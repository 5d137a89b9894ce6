package io.firebreak.app;

import io.firebreak.app.kafka.InstanceId;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.streams.IncidentTopology;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The correlation application's Kafka Streams properties from {@code kafka:}, and static membership for both streams applications. */
final class Settings {

    private Settings() {
    }

    static Properties streamsProperties(FirebreakConfiguration config, InstanceId instance) {
        Properties props = IncidentTopology.streamsProperties(config.kafka.bootstrapServers, config.kafka.applicationId,
                Path.of(config.kafka.stateDir), config.kafka.replicationFactor);
        props.putAll(config.kafka.properties);
        config.kafka.rocksdb.applyTo(props);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.kafka.standbyReplicas);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.kafka.effectiveStreamThreads());
        staticMembership(props, instance.groupInstanceId("correlation"));
        return props;
    }

    /**
     * Static membership: a restarted instance takes its old place in the group at once, instead of waiting out the
     * crashed member's session (45 s of no correlation, no page). Streams suffixes the id per stream thread; only the
     * main consumer is a group member. A clean stop still leaves the group ({@link Lifecycle#closeLeavingGroup}), so
     * the partitions move to the other instances immediately; a member that never comes back gives them up after
     * {@link ClientConfigs#STATIC_MEMBER_SESSION_TIMEOUT_MS}, unless {@code kafka.properties} names a session timeout.
     */
    static void staticMembership(Properties props, String groupInstanceId) {
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
        String session = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;
        if (!props.containsKey(session) && !props.containsKey(StreamsConfig.consumerPrefix(session))
                && !props.containsKey(StreamsConfig.mainConsumerPrefix(session))) {
            props.put(StreamsConfig.mainConsumerPrefix(session), ClientConfigs.STATIC_MEMBER_SESSION_TIMEOUT_MS);
        }
    }
}

package io.firebreak.app;

import io.firebreak.app.kafka.InstanceId;
import io.firebreak.schemas.DeadLetterTopic;
import io.firebreak.schemas.Topics;
import io.firebreak.streams.IncidentTopology;
import io.firebreak.streams.PoisonRecordHandler;
import io.firebreak.streams.errors.DeadLetterProcessingHandler;
import io.firebreak.streams.errors.RecordFailures;
import io.firebreak.streams.errors.UnwritableRecordHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties both streams applications share, from {@code kafka:} (the module settings are built by the config classes). */
final class Settings {

    private Settings() {
    }

    static Properties streamsProperties(FirebreakConfiguration config, InstanceId instance) {
        Properties props = IncidentTopology.streamsProperties(config.kafka.bootstrapServers, config.kafka.applicationId,
                Path.of(config.kafka.stateDir), config.kafka.replicationFactor);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.kafka.standbyReplicas);
        guardRecords(props, Topics.CORRELATION_DLQ);
        staticMembership(props, instance.groupInstanceId("correlation"));
        return props;
    }

    /**
     * Static membership: a restarted instance takes its old place in the group at once, instead of waiting out the
     * crashed member's session (45 s of no correlation, no page). Streams suffixes the id per stream thread; only the
     * main consumer is a group member. A clean stop still leaves the group ({@link Lifecycle#closeLeavingGroup}), so
     * the partitions move to the other instances immediately.
     */
    static void staticMembership(Properties props, String groupInstanceId) {
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId);
    }

    /**
     * A record that cannot be read, processed or written costs only itself, never the thread: an input whose
     * deserialization or processing fails is parked on {@code deadLetters} (with the reason in its headers), an output
     * Kafka would not take is dropped; each counted and logged once per cause (streams module, {@code errors} package).
     * The alternative — the thread dies, is replaced, meets the same record again — would stall every incident of the
     * clusters that thread owns, forever. The counts reach {@code /metrics} through the {@link RecordFailures} the
     * caller puts under {@link RecordFailures#CONFIG}.
     */
    static void guardRecords(Properties props, DeadLetterTopic deadLetters) {
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, UnwritableRecordHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetters.name());
    }
}

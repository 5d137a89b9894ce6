package io.firebreak.schemas.kafka;

import io.firebreak.schemas.DeadLetterTopic;
import io.firebreak.schemas.kafka.errors.DeadLetterProcessingHandler;
import io.firebreak.schemas.kafka.errors.PoisonRecordHandler;
import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.firebreak.schemas.kafka.errors.UnwritableRecordHandler;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The settings every firebreak Kafka Streams application runs with (the correlation topology, the SLO engine). */
public final class StreamsDefaults {

    private StreamsDefaults() {
    }

    /**
     * exactly_once_v2: an input's offset, the state changes and the records emitted for it commit together, so a
     * crash neither loses nor doubles a page or a burn alert. A 100 ms commit interval keeps the delay until a
     * read_committed reader sees an output short. String keys everywhere.
     *
     * <p>A record that cannot be read, processed or written costs only itself, never the stream thread: inputs are
     * parked on {@code deadLetters}, unwritable outputs dropped, each counted and logged once per cause (see the
     * {@code errors} package). The alternative — the thread dies, is replaced, meets the same record again — would
     * stall everything that thread owns, forever. The counts reach metrics through the {@link RecordFailures} the
     * caller puts under {@link RecordFailures#CONFIG}.
     */
    public static Properties properties(String bootstrapServers, String applicationId, Path stateDir, int replicationFactor,
                                        DeadLetterTopic deadLetters) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.StringSerde.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, UnwritableRecordHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetters.name());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        return props;
    }
}

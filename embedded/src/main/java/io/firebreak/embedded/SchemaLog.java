package io.firebreak.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable store: the compacted topic {@code _schemas}, in the spirit of Confluent's (JSON key
 * per subject+version or config scope, JSON value). The registry answers a write only after this log
 * acknowledged it with acks=all, and rebuilds its state by reading the log from the start.
 */
final class SchemaLog implements AutoCloseable {

    static final String TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    private SchemaLog(String bootstrapServers, KafkaProducer<String, String> producer) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
    }

    /** Creates {@code _schemas} when missing and opens a producer on it. */
    static SchemaLog open(String bootstrapServers) {
        createTopic(bootstrapServers);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(WRITE_TIMEOUT.toMillis() - 1000));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "firebreak-embedded-registry");
        return new SchemaLog(bootstrapServers, new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()));
    }

    private static void createTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic topic = new NewTopic(TOPIC, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            LOG.info("event=schemas_topic_created topic={}", TOPIC);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + TOPIC + " on " + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating " + TOPIC + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + TOPIC, e);
        }
    }

    /** Reads the whole log into {@code state}. */
    void replay(RegistryState state) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "firebreak-embedded-registry-replay");
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(30)).get(PARTITION);
            while (consumer.position(PARTITION, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(state, record.key(), record.value());
                    records++;
                }
            }
        }
        LOG.info("event=schemas_replayed topic={} records={} subjects={}", TOPIC, records, state.subjects().size());
    }

    void appendVersion(SchemaVersion version) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", version.subject())
                .put("version", version.version()).put("magic", 1);
        ObjectNode value = JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema().toString()).put("deleted", false);
        append(key, value);
    }

    /** Stores a compatibility level; {@code subject} empty means the global one. */
    void appendConfig(Optional<String> subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("magic", 0);
        subject.ifPresentOrElse(s -> key.put("subject", s), () -> key.putNull("subject"));
        append(key, JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    private void append(ObjectNode key, ObjectNode value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, 0, key.toString(), value.toString()))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | RuntimeException e) {
            throw new RegistryException(500, RegistryException.STORE_ERROR, "Error while writing to " + TOPIC + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new RegistryException(500, RegistryException.STORE_TIMEOUT, "Timed out writing to " + TOPIC, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(500, RegistryException.STORE_ERROR, "Interrupted writing to " + TOPIC, e);
        }
    }

    private static void apply(RegistryState state, String keyText, String valueText) {
        try {
            JsonNode key = JSON.readTree(keyText);
            JsonNode value = valueText == null ? null : JSON.readTree(valueText);
            if (value == null || value.isNull()) {
                return; // a tombstone: deletion is not part of the supported API
            }
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (!value.path("deleted").asBoolean(false)) {
                        state.apply(new SchemaVersion(value.path("subject").asText(), value.path("version").asInt(),
                                value.path("id").asInt(), new Schema.Parser().parse(value.path("schema").asText())));
                    }
                }
                case "CONFIG" -> {
                    CompatibilityLevel level = CompatibilityLevel.parse(value.path("compatibilityLevel").asText());
                    JsonNode subject = key.path("subject");
                    if (subject.isMissingNode() || subject.isNull()) {
                        state.globalLevel(level);
                    } else {
                        state.subjectLevel(subject.asText(), level);
                    }
                }
                default -> LOG.debug("event=schemas_record_skipped key={}", keyText);
            }
        } catch (IOException | RuntimeException e) {
            // One unreadable record must not keep the registry (and so the whole pipeline) from starting.
            LOG.warn("event=schemas_record_unreadable key={} reason=\"{}\"", keyText, e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

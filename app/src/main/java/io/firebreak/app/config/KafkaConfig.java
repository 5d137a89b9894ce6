package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.MinDuration;
import io.firebreak.schemas.kafka.OperatorProperties;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;

/** {@code kafka:} — where the brokers and the Schema Registry are, and how topics are created. */
public class KafkaConfig {

    @NotBlank
    @JsonProperty
    public String bootstrapServers = "localhost:9092";

    @NotBlank
    @JsonProperty
    public String schemaRegistryUrl = "http://localhost:8085";

    /**
     * Kafka client settings every producer, consumer, admin and streams client gets: {@code security.protocol},
     * {@code sasl.*}, {@code ssl.*}... Values may be {@code ${ENV}}; keys firebreak's guarantees rest on are refused
     * ({@link OperatorProperties}).
     */
    public Map<String, String> properties = Map.of();

    /** The registry's URLs, credentials, TLS and registration policy; its {@code urls} default to {@link #schemaRegistryUrl}. */
    @Valid
    @JsonProperty
    public SchemaRegistryConfig schemaRegistry = new SchemaRegistryConfig();

    /** Off-heap memory of the RocksDB state stores, one bound for the whole process. */
    @Valid
    @JsonProperty
    public RocksDbConfig rocksdb = new RocksDbConfig();

    @JsonProperty("properties")
    void setProperties(Map<String, String> properties) {
        this.properties = Map.copyOf(OperatorProperties.check(properties));
    }

    /**
     * Points this configuration at a cluster firebreak started itself (standalone): its brokers and registry, without
     * the connection security an overlay may carry for a real cluster ({@code security.protocol}, {@code sasl.*},
     * {@code ssl.*}, the registry's URLs, credentials and TLS), which the embedded PLAINTEXT broker on 127.0.0.1 would
     * refuse. Tuning keys ({@code linger.ms}, ...) stay.
     *
     * @return the keys dropped, to tell the user
     */
    public List<String> useEmbedded(String brokers, String registryUrl) {
        bootstrapServers = brokers;
        schemaRegistryUrl = registryUrl;
        schemaRegistry = new SchemaRegistryConfig();
        replicationFactor = 1;
        List<String> dropped = properties.keySet().stream().filter(KafkaConfig::connectionSecurity).sorted().toList();
        Map<String, String> kept = new HashMap<>(properties);
        dropped.forEach(kept::remove);
        properties = Map.copyOf(kept);
        return dropped;
    }

    private static boolean connectionSecurity(String key) {
        return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.") || key.startsWith("ssl.");
    }

    /** What every Kafka client firebreak creates starts from: the brokers plus {@link #properties}. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Map.copyOf(settings);
    }

    /** The registry client every serde shares: {@link #schemaRegistry}, its URLs defaulting to {@link #schemaRegistryUrl}. */
    public RestSchemaRegistryClient registryClient() {
        return new RestSchemaRegistryClient(schemaRegistry.connection(schemaRegistryUrl), Duration.ofSeconds(5),
                RestSchemaRegistryClient.DEFAULT_MAX_ANSWER_BYTES);
    }

    /** Partitions of topics firebreak creates (existing topics are left as they are). */
    @Min(1)
    @Max(1000)
    @JsonProperty
    public int partitions = 3;

    @Min(1)
    @Max(5)
    @JsonProperty
    public short replicationFactor = 3;

    /** Create missing topics of DESIGN §2 at start-up. */
    @JsonProperty
    public boolean createTopics = true;

    /** Kafka Streams {@code application.id}; the notifiers' consumer groups derive from it too. */
    @NotBlank
    @JsonProperty
    public String applicationId = "firebreak";

    /** Warm copies of each streams task's state on other instances, so a failover resumes in seconds, not after a restore. */
    @Min(0)
    @Max(3)
    @JsonProperty
    public int standbyReplicas = 0;

    /**
     * This instance's Kafka identity (ingest {@code transactional.id}, {@code group.instance.id}s): empty = an id kept
     * in {@code stateDir}. Set it (e.g. to a StatefulSet pod name) where {@code stateDir} does not survive a restart;
     * two instances must never share one.
     */
    @JsonProperty
    public String instanceId = "";

    /**
     * Stream threads of the correlation application (each works on its own partitions, in parallel). 0 = one per CPU
     * core, at most {@code partitions}: more threads than partitions would sit idle.
     */
    @Min(0)
    @Max(64)
    @JsonProperty
    public int streamThreads = 0;

    /** The stream threads to run: {@link #streamThreads}, or one per core up to the partition count when 0. */
    public int effectiveStreamThreads() {
        return streamThreads > 0 ? streamThreads : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
    }

    /**
     * How long start-up waits for the brokers and the Schema Registry to answer before it stops with one line saying
     * which did not (instead of starting blind and failing later with a stack trace).
     */
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @NotNull
    @JsonProperty
    public io.dropwizard.util.Duration startupTimeout = io.dropwizard.util.Duration.seconds(15);

    /** Where Kafka Streams keeps its RocksDB state, and this instance's id. */
    @NotBlank
    @JsonProperty
    public String stateDir = "/var/lib/firebreak/streams";
}

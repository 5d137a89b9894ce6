package io.firebreak.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * An embedded Kafka broker plus the schema registry on it: what {@code standalone} runs and what tests get
 * from {@code EmbeddedClusterExtension} (in this module's test-jar). Kafka data lives in {@code <dataDir>/kafka}.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final HangingTransactions hangingTransactions;

    private EmbeddedCluster(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, HangingTransactions hangingTransactions) {
        this.kafka = kafka;
        this.registry = registry;
        this.hangingTransactions = hangingTransactions;
    }

    /**
     * Starts the broker on {@code kafkaPort} and the registry on {@code registryPort} (0 = any free port), and the
     * guard that aborts transactions an unclean restart of this broker left hanging ({@link HangingTransactions}).
     */
    public static EmbeddedCluster start(Path dataDir, int kafkaPort, int registryPort) {
        return withRegistry(EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort), registryPort);
    }

    /**
     * As {@link #start(Path, int, int)} on free ports, the broker with a SASL_SSL listener too
     * ({@code kafka().securedBootstrapServers()}) for tests of clients configured for a secured cluster.
     */
    public static EmbeddedCluster start(Path dataDir, SecuredListener secured) {
        return withRegistry(EmbeddedKafka.start(dataDir.resolve("kafka"), secured), 0);
    }

    private static EmbeddedCluster withRegistry(EmbeddedKafka kafka, int registryPort) {
        try {
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), registryPort);
            return new EmbeddedCluster(kafka, registry, HangingTransactions.watch(kafka.bootstrapServers()));
        } catch (RuntimeException e) {
            kafka.stop();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedSchemaRegistry registry() {
        return registry;
    }

    /** Creates a topic with replication factor 1; an existing topic is left as it is. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with replication factor 1 and the given topic configs; an existing topic is left as it is. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopic(bootstrapServers(), name, partitions, configs);
    }

    /** The same against any broker, e.g. an embedded cluster in another JVM. */
    public static void createTopic(String bootstrapServers, String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    /** Stops the registry, then the broker (its clients first, so the log does not fill with reconnects). */
    public void stop() {
        hangingTransactions.close();
        registry.stop();
        kafka.stop();
    }

    @Override
    public void close() {
        stop();
    }
}

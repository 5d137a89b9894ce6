package io.firebreak.testcontainers;

import io.firebreak.embedded.EmbeddedKafka;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;

/**
 * The production pair in containers, the images docker-compose.yml pins: {@code apache/kafka:4.4.0} (KRaft) and
 * {@code confluentinc/cp-schema-registry:8.0.0} storing its schemas in that Kafka.
 */
final class ConfluentStack implements Startable {

    static final String KAFKA_IMAGE = "apache/kafka:4.4.0";
    static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.0.0";

    private final Network network = Network.newNetwork();
    private final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            .withNetwork(network).withListener("kafka:19092")
            // as the embedded broker and docker-compose: see docs/operations.md, "a few seconds' stall under transactions V2"
            .withEnv("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS", String.valueOf(EmbeddedKafka.ADD_PARTITION_WAIT_MS));
    private final GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
            .withNetwork(network).withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
            .dependsOn(kafka)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    @Override
    public void start() {
        kafka.start();
        registry.start();
    }

    String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void stop() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}

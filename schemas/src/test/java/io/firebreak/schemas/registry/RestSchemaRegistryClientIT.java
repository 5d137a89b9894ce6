package io.firebreak.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.embedded.EmbeddedKafka;
import io.firebreak.embedded.EmbeddedSchemaRegistry;
import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a registry this class owns, so it may stop and restart it (the shared test cluster's
 * registry must stay up for other tests). One registry at a time writes the broker's {@code _schemas}.
 */
class RestSchemaRegistryClientIT {

    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;

    private EmbeddedSchemaRegistry server;
    private RestSchemaRegistryClient client;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dataDir, 0);
    }

    @AfterAll
    static void stopKafka() {
        kafka.stop();
    }

    @BeforeEach
    void startRegistry() {
        server = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0);
        client = new RestSchemaRegistryClient(server.url(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopRegistry() {
        server.stop();
    }

    @Test
    void registersLooksUpAndReadsBackSchemas() {
        String subject = subject();
        int id = client.register(subject, Signal.getClassSchema());

        RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(server.url());
        assertThat(fresh.register(subject, Signal.getClassSchema())).isEqualTo(id);
        assertThat(fresh.lookup(subject, Signal.getClassSchema())).contains(id);
        assertThat(fresh.lookup(subject, Incident.getClassSchema())).isEmpty();
        assertThat(fresh.lookup(subject(), Signal.getClassSchema())).isEmpty();
        assertThat(fresh.schemaById(id)).isEqualTo(Signal.getClassSchema());
        SchemaRegistryClient.RegisteredSchema latest = fresh.version(subject, "latest");
        assertThat(latest).isEqualTo(new SchemaRegistryClient.RegisteredSchema(subject, 1, id, Signal.getClassSchema()));
        assertThat(fresh.isCompatible(subject(), Incident.getClassSchema())).as("a new subject accepts anything").isTrue();
    }

    @Test
    void unknownIdIsANonRetryableNotFound() {
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void readsAndSetsTheGlobalCompatibilityLevel() {
        assertThat(client.compatibility()).isEqualTo("BACKWARD");
        client.setCompatibility("FULL");
        try {
            assertThat(new RestSchemaRegistryClient(server.url()).compatibility()).isEqualTo("FULL");
        } finally {
            client.setCompatibility("BACKWARD");
        }
    }

    @Test
    void aRegistryThatIsDownIsRetryableAndCachedAnswersStillWork() {
        String subject = subject();
        int id = client.register(subject, Signal.getClassSchema());
        int port = server.port();

        server.stop();

        assertThat(client.register(subject, Signal.getClassSchema())).as("cached: no HTTP call").isEqualTo(id);
        assertThat(client.lookup(subject, Signal.getClassSchema())).contains(id);
        assertThat(client.schemaById(id)).isEqualTo(Signal.getClassSchema());
        assertThatThrownBy(() -> client.register(subject, Incident.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains(server.url());
                });

        // Back on the same port and the same _schemas: the same client recovers, ids unchanged.
        server = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), port);
        assertThat(new RestSchemaRegistryClient(server.url()).register(subject, Signal.getClassSchema())).isEqualTo(id);
        assertThat(client.register(subject(), Incident.getClassSchema())).isPositive().isNotEqualTo(id);
    }

    @Test
    void aRegistryThatNeverAnsweredIsRetryable() {
        String url = server.url();
        server.stop();

        assertThatThrownBy(() -> new RestSchemaRegistryClient(url).schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.retryable()).isTrue());
    }

    private static String subject() {
        return "client-" + UUID.randomUUID() + "-value";
    }

}

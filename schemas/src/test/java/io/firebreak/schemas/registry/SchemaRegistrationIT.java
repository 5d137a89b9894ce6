package io.firebreak.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Samples;
import io.firebreak.schemas.serde.AvroSerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code autoRegister: false} against the embedded registry: a registry managed by others is read, never written.
 * Each test's topic is its own, so its subject {@code <topic>-value} starts empty.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class SchemaRegistrationIT {

    private final EmbeddedCluster cluster;
    private final RestSchemaRegistryClient admin;

    SchemaRegistrationIT(EmbeddedCluster cluster) {
        this.cluster = cluster;
        this.admin = new RestSchemaRegistryClient(cluster.schemaRegistryUrl());
    }

    @Test
    void lookupWritesThePreRegisteredIdAndNeverRegisters() {
        String topic = topic();
        AvroSerializer<Signal> serializer = serializer(SchemaRegistration.LOOKUP);

        assertThatThrownBy(() -> serializer.serialize(topic, signal()))
                .hasMessageContaining("not registered under subject " + topic + "-value")
                .hasMessageContaining("autoRegister is false");
        assertThatThrownBy(() -> admin.version(topic + "-value", "latest")).as("nothing was registered")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));

        int id = admin.register(topic + "-value", Signal.getClassSchema());
        assertThat(writtenId(serializer.serialize(topic, signal()))).isEqualTo(id);
    }

    @Test
    void latestVersionWritesTheLatestIdWhenItEncodesTheSameWay() {
        String topic = topic();
        // the same record layout with a property firebreak's own schema lacks: registered by someone else, a different schema
        Schema annotated = new Schema.Parser().parse(Signal.getClassSchema().toString().replaceFirst("\\{", "{\"owner\":\"platform team\","));
        int id = admin.register(topic + "-value", annotated);
        assertThat(admin.lookup(topic + "-value", Signal.getClassSchema())).as("firebreak's exact schema is not registered").isEmpty();

        assertThat(writtenId(serializer(SchemaRegistration.LATEST_VERSION).serialize(topic, signal()))).isEqualTo(id);
    }

    @Test
    void latestVersionRefusesALatestSchemaThatEncodesDifferently() {
        String topic = topic();
        admin.register(topic + "-value", Incident.getClassSchema());

        assertThatThrownBy(() -> serializer(SchemaRegistration.LATEST_VERSION).serialize(topic, signal()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("does not encode records as firebreak's");
    }

    private AvroSerializer<Signal> serializer(SchemaRegistration registration) {
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryConnection.of(cluster.schemaRegistryUrl()).withRegistration(registration),
                Duration.ofSeconds(5), RestSchemaRegistryClient.DEFAULT_MAX_ANSWER_BYTES);
        return new AvroSerializer<>(client, Signal.class);
    }

    private static int writtenId(byte[] record) {
        return ByteBuffer.wrap(record, 1, 4).getInt(); // Confluent wire format: magic byte 0, then the id
    }

    private static String topic() {
        return "registration-" + UUID.randomUUID();
    }

    private static Signal signal() {
        return Samples.signal();
    }
}

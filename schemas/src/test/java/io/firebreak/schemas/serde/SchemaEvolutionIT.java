package io.firebreak.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Samples;
import io.firebreak.schemas.registry.IncompatibleSchemaException;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.firebreak.schemas.registry.SchemaRegistryClient;
import io.firebreak.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DESIGN §2: evolution is BACKWARD compatible, and the registry enforces it. */
@ExtendWith(EmbeddedClusterExtension.class)
class SchemaEvolutionIT {

    private final String url;
    private final SchemaRegistryClient registry;

    SchemaEvolutionIT(EmbeddedCluster cluster) {
        this.url = cluster.schemaRegistryUrl();
        this.registry = new RestSchemaRegistryClient(url);
    }

    @Test
    void aSignalWrittenWithTheOlderSchemaIsReadableAfterTheNewerOneIsRegistered() throws IOException {
        String topic = "evolution-" + UUID.randomUUID();
        // v1: today's Signal before "groupKey" and "slo" were added (both optional, default null).
        Schema v1 = withoutFields(Signal.getClassSchema(), Set.of("groupKey", "slo"));
        int v1Id = registry.register(topic + "-value", v1);
        byte[] writtenByV1 = wireFormat(v1Id, v1Record(v1));

        byte[] writtenByV2 = new AvroSerializer<>(registry, Signal.class).serialize(topic, Samples.signal());
        AvroDeserializer<Signal> consumer = new AvroDeserializer<>(new RestSchemaRegistryClient(url), Signal.class);
        Signal old = consumer.deserialize(topic, writtenByV1);

        int v2Id = ByteBuffer.wrap(writtenByV2, 1, 4).getInt();
        assertThat(v2Id).isNotEqualTo(v1Id);
        assertThat(registry.version(topic + "-value", "1").id()).isEqualTo(v1Id);
        assertThat(registry.version(topic + "-value", "latest").id()).isEqualTo(v2Id);
        Signal expected = Signal.newBuilder(Samples.signal()).setGroupKey(null).setSlo(null).build();
        assertThat(old).isEqualTo(expected);
        assertThat(consumer.deserialize(topic, writtenByV2)).isEqualTo(Samples.signal());
    }

    @Test
    void aSchemaAddingARequiredFieldIsRefusedAsIncompatible() {
        String subject = "incompatible-" + UUID.randomUUID() + "-value";
        registry.register(subject, Signal.getClassSchema());
        Schema withRequiredTenant = withExtraRequiredField(Signal.getClassSchema(), "tenant");

        assertThat(registry.isCompatible(subject, withRequiredTenant)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, withRequiredTenant))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(subject);
                });
        assertThat(registry.version(subject, "latest").version()).isEqualTo(1);
    }

    @Test
    void theSerializerSurfacesARefusedSchemaAsIncompatible() {
        String topic = "refused-" + UUID.randomUUID();
        // An older "Signal" that today's reader cannot read: it has none of today's required fields.
        Schema legacy = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Signal\",\"namespace\":\"io.firebreak.events\","
                + "\"fields\":[{\"name\":\"legacyId\",\"type\":\"string\"}]}");
        registry.register(topic + "-value", legacy);

        assertThatThrownBy(() -> new AvroSerializer<>(registry, Signal.class).serialize(topic, Samples.signal()))
                .isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void theSerializerRegistersUnderTheTopicValueSubject() {
        String topic = "subject-naming-" + UUID.randomUUID();

        new AvroSerializer<>(registry, Signal.class).serialize(topic, Samples.signal());

        SchemaRegistryClient fresh = new RestSchemaRegistryClient(url);
        assertThat(fresh.version(topic + "-value", "latest").schema()).isEqualTo(Signal.getClassSchema());
        assertThatThrownBy(() -> fresh.version(topic, "latest"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> fresh.version(topic + "-key", "latest"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    private static GenericRecord v1Record(Schema v1) {
        Signal sample = Samples.signal();
        GenericRecord record = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            Object value = sample.get(field.name());
            // the generic writer knows no logical-type conversions: timestamps go as epoch millis
            record.put(field.name(), value instanceof Instant at ? at.toEpochMilli() : value);
        }
        return record;
    }

    private static byte[] wireFormat(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema withoutFields(Schema schema, Set<String> dropped) {
        List<Schema.Field> fields = schema.getFields().stream()
                .filter(f -> !dropped.contains(f.name()))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema withExtraRequiredField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>(schema.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), "required, no default", (Object) null));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}

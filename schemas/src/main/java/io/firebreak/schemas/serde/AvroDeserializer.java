package io.firebreak.schemas.serde;

import io.firebreak.schemas.TrustedPackages;
import io.firebreak.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format records into SpecificRecords of type {@code T}, resolving the writer's schema
 * (looked up by id) against this build's schema, so older and newer compatible writers are both readable.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        TrustedPackages.trust(type);
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int id = WireFormat.readSchemaId(topic, in);
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(id,
                writerId -> new SpecificDatumReader<>(registry.schemaById(writerId), readerSchema, model));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, in.position(), in.remaining(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + readerSchema.getName() + " (writer schema id " + id
                    + ") from " + topic + ": " + e.getMessage(), e);
        }
    }
}

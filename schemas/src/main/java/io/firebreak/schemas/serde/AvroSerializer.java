package io.firebreak.schemas.serde;

import io.firebreak.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes SpecificRecords in the Confluent wire format with the id the registry client gives the record's schema under
 * {@code <topic>-value} (TopicNameStrategy; registered on first use unless the client is told otherwise). Registry failures surface as the
 * {@link io.firebreak.schemas.registry.SchemaRegistryException} the client threw, so callers can tell
 * "registry down, retry" from "schema refused".
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final SpecificDatumWriter<T> writer;
    private final org.apache.avro.Schema schema;

    public AvroSerializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone on compacted topics
        }
        int id = registry.idForWriting(topic + "-value", schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_BYTES);
        WireFormat.writeHeader(header, id);
        out.writeBytes(header.array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getName() + " to " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}

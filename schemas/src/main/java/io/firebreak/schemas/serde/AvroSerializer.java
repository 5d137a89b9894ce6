package io.firebreak.schemas.serde;

import io.firebreak.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** A thread's output buffer is kept up to this size; one grown past it by a large record is dropped after use. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    /**
     * Per thread, so serializing allocates only the result: Avro's buffered encoder writes its own buffer and copies it
     * out in blocks, where the direct encoder made a synchronized {@code ByteArrayOutputStream} call per field (a
     * storm serializes tens of thousands of records a second on the stream threads).
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        BinaryEncoder encoder;
    }

    private final SchemaRegistryClient registry;
    private final SpecificDatumWriter<T> writer;
    private final org.apache.avro.Schema schema;
    private final Map<String, String> subjects = new ConcurrentHashMap<>();

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
        int id = registry.idForWriting(subjects.computeIfAbsent(topic, name -> name + "-value"), schema);
        Scratch scratch = SCRATCH.get();
        ByteArrayOutputStream out = scratch.out;
        out.reset();
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_BYTES);
        WireFormat.writeHeader(header, id);
        out.writeBytes(header.array());
        try {
            scratch.encoder = EncoderFactory.get().binaryEncoder(out, scratch.encoder);
            writer.write(data, scratch.encoder);
            scratch.encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // the encoder may hold part of the failed record: start the next one with a fresh encoder
            scratch.encoder = null;
            throw new SerializationException("cannot write " + schema.getName() + " to " + topic + ": " + e.getMessage(), e);
        } finally {
            if (out.size() > KEPT_BUFFER_BYTES) {
                scratch.out = new ByteArrayOutputStream(4096);
                scratch.encoder = null;
            }
        }
    }
}

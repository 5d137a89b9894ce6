package io.firebreak.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body. */
final class WireFormat {

    static final byte MAGIC = 0;
    static final int HEADER_BYTES = 5;

    private WireFormat() {
    }

    static void writeHeader(ByteBuffer out, int schemaId) {
        out.put(MAGIC).putInt(schemaId);
    }

    /** Reads and checks the header, leaving {@code in} positioned at the Avro body. */
    static int readSchemaId(String topic, ByteBuffer in) {
        if (in.remaining() < HEADER_BYTES) {
            throw new SerializationException("record on " + topic + " is " + in.remaining()
                    + " bytes, shorter than the Confluent wire-format header");
        }
        byte magic = in.get();
        if (magic != MAGIC) {
            throw new SerializationException("record on " + topic + " starts with byte " + magic
                    + ", not the Confluent wire-format magic byte 0");
        }
        return in.getInt();
    }
}

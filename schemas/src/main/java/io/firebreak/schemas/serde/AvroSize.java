package io.firebreak.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** The Avro binary size of a record (what goes on a topic after the 5-byte wire-format header), counted, not stored. */
public final class AvroSize {

    private AvroSize() {
    }

    public static <T extends SpecificRecord> int of(T record) {
        Counting counted = new Counting();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(counted, null);
        try {
            @SuppressWarnings("unchecked")
            SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) Math.min(Integer.MAX_VALUE, counted.bytes);
    }

    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}

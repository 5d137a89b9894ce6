package io.firebreak.streams.state;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Remembers how many bytes the value a thread last serialized or deserialized through {@link #measuring} took: what
 * lets the {@link WriteBackStore} bound its objects by their serialized size without serializing them a second time
 * (the serialization it saves is the whole point of that store).
 *
 * <p>Why per thread: one serde serves the stores of every task, and tasks run on several stream threads; a store's
 * put or get and the serde call it causes run on the same thread, one right after the other.
 */
final class SerializedSizes {

    /** What {@link #take()} answers when this thread measured nothing since its last call. */
    static final int UNKNOWN = -1;

    private final ThreadLocal<int[]> last = ThreadLocal.withInitial(() -> new int[] {UNKNOWN});

    /** {@code serde}, with every value it writes or reads measured for this thread. */
    <V> Serde<V> measuring(Serde<V> serde) {
        return Serdes.serdeFrom(new MeasuringSerializer<>(serde.serializer()), new MeasuringDeserializer<>(serde.deserializer()));
    }

    /** The size in bytes of this thread's last measured value, or {@link #UNKNOWN}; forgets it. */
    int take() {
        int[] slot = last.get();
        int bytes = slot[0];
        slot[0] = UNKNOWN;
        return bytes;
    }

    private void measured(byte[] bytes) {
        measured(bytes == null ? UNKNOWN : bytes.length);
    }

    private void measured(int bytes) {
        last.get()[0] = bytes;
    }

    private final class MeasuringSerializer<V> implements Serializer<V> {
        private final Serializer<V> inner;

        MeasuringSerializer(Serializer<V> inner) {
            this.inner = inner;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            inner.configure(configs, isKey);
        }

        @Override
        public byte[] serialize(String topic, V data) {
            byte[] bytes = inner.serialize(topic, data);
            measured(bytes);
            return bytes;
        }

        @Override
        public byte[] serialize(String topic, Headers headers, V data) {
            byte[] bytes = inner.serialize(topic, headers, data);
            measured(bytes);
            return bytes;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private final class MeasuringDeserializer<V> implements Deserializer<V> {
        private final Deserializer<V> inner;

        MeasuringDeserializer(Deserializer<V> inner) {
            this.inner = inner;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            inner.configure(configs, isKey);
        }

        @Override
        public V deserialize(String topic, byte[] data) {
            measured(data);
            return inner.deserialize(topic, data);
        }

        @Override
        public V deserialize(String topic, Headers headers, byte[] data) {
            measured(data);
            return inner.deserialize(topic, headers, data);
        }

        @Override
        public V deserialize(String topic, Headers headers, ByteBuffer data) {
            measured(data == null ? UNKNOWN : data.remaining());
            return inner.deserialize(topic, headers, data);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}

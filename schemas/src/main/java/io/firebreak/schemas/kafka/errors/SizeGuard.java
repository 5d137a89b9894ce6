package io.firebreak.schemas.kafka.errors;

import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Refuses, while serializing, a value larger than Kafka would take, so the record never reaches the producer.
 *
 * <p>Why at serialization and not in the production handler: under exactly_once_v2 a record the producer or broker
 * rejects puts the producer's transaction into an abortable error state (every error but fencing does), so whatever
 * the production handler answers, the commit fails, the task is reprocessed from its last commit, meets the same
 * record and fails again — forever, for every cluster that task owns (verified on the embedded broker, see
 * RecordGuardIT). A value refused here never touches the transaction: on a sink Kafka Streams hands the error to
 * {@link UnwritableRecordHandler#handleSerializationError}, which drops that record and lets the rest commit; in a
 * store (whose changelog has the same limit) the processor's put throws, and {@link DeadLetterProcessingHandler}
 * parks the input that would have grown the state past it.
 */
public final class SizeGuard {

    /**
     * Under Kafka's defaults (producer {@code max.request.size} 1 MiB, broker {@code message.max.bytes} 1 MiB + 12) with
     * 48 KiB left for the key, headers and batch overhead. A topic configured with a smaller
     * {@code max.message.bytes} needs a smaller bound.
     */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1_000_000;

    private SizeGuard() {
    }

    public static <T> Serializer<T> bounded(Serializer<T> inner, int maxValueBytes) {
        if (maxValueBytes < 1) {
            throw new IllegalArgumentException("maxValueBytes must be positive, got " + maxValueBytes);
        }
        return new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                inner.configure(configs, isKey);
            }

            @Override
            public byte[] serialize(String topic, T data) {
                return check(topic, inner.serialize(topic, data));
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return check(topic, inner.serialize(topic, headers, data));
            }

            private byte[] check(String topic, byte[] bytes) {
                if (bytes != null && bytes.length > maxValueBytes) {
                    throw new RecordTooLargeException("serialized value of " + bytes.length + " bytes for topic " + topic
                            + " exceeds the bound of " + maxValueBytes + " bytes");
                }
                return bytes;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    public static <T> Serde<T> bounded(Serde<T> inner, int maxValueBytes) {
        return Serdes.serdeFrom(bounded(inner.serializer(), maxValueBytes), inner.deserializer());
    }
}

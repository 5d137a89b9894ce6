package io.firebreak.schemas;

import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic of firebreak: its name, the Avro type of its values and how long Kafka keeps it.
 * Keys are always strings (cluster, incident id, SLO name or service; see DESIGN §2).
 *
 * @param retention how long records are kept; empty for compacted topics that keep every key's latest record forever
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, Cleanup cleanup, Optional<Duration> retention) {

    public enum Cleanup { DELETE, COMPACT }

    static <V extends SpecificRecord> Topic<V> deleteAfter(String name, Class<V> valueType, Duration retention) {
        return new Topic<>(name, valueType, Cleanup.DELETE, Optional.of(retention));
    }

    static <V extends SpecificRecord> Topic<V> compacted(String name, Class<V> valueType) {
        return new Topic<>(name, valueType, Cleanup.COMPACT, Optional.empty());
    }

    /** Compacted (each key's latest record) and also deleted after {@code retention}: keys that stop changing go away. */
    static <V extends SpecificRecord> Topic<V> compactedFor(String name, Class<V> valueType, Duration retention) {
        return new Topic<>(name, valueType, Cleanup.COMPACT, Optional.of(retention));
    }

    /** The Schema Registry subject of the values (TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    @Override
    public String toString() {
        return name;
    }
}

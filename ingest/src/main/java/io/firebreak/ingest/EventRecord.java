package io.firebreak.ingest;

import io.firebreak.schemas.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** One event to write: its topic, its key (cluster, incident id, ... per DESIGN §2) and its Avro value. */
public record EventRecord<V extends SpecificRecord>(Topic<V> topic, String key, V value) {

    public EventRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}

package io.firebreak.ingest.resources;

import io.firebreak.ingest.EventRecord;
import io.firebreak.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One request's events in the order they are written, and the ids the 202 answer names. */
final class EventBatch {

    private final List<EventRecord<?>> records = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    <V extends SpecificRecord> EventBatch add(Topic<V> topic, String key, V event, String id) {
        records.add(new EventRecord<>(topic, key, event));
        ids.add(id);
        return this;
    }

    List<EventRecord<?>> records() {
        return List.copyOf(records);
    }

    List<String> ids() {
        return List.copyOf(ids);
    }

    int size() {
        return records.size();
    }
}

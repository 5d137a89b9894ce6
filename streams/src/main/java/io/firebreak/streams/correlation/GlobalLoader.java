package io.firebreak.streams.correlation;

import io.firebreak.streams.state.StoreVersion;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its compacted topic (latest value per key; a tombstone deletes), and counts each change
 * in {@code version} for the stream threads that keep what they read from it.
 */
public final class GlobalLoader<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final StoreVersion version;
    private KeyValueStore<String, V> store;

    public GlobalLoader(String storeName, StoreVersion version) {
        this.storeName = storeName;
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        version.changed();
    }
}

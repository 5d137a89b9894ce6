package io.firebreak.streams.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scans of String-keyed state stores. Every scan is copied into a list and its iterator closed before the
 * caller acts: callers put and delete while they walk, and an open RocksDB iterator must not outlive the scan.
 */
public final class StoreScans {

    private StoreScans() {
    }

    public static <V> List<KeyValue<String, V>> entries(KeyValueStore<String, V> store) {
        List<KeyValue<String, V>> all = new ArrayList<>();
        try (KeyValueIterator<String, V> scan = store.all()) {
            scan.forEachRemaining(all::add);
        }
        return all;
    }

    public static <V> List<V> values(KeyValueStore<String, V> store) {
        return entries(store).stream().map(entry -> entry.value).toList();
    }

    /** The entries whose key starts with {@code prefix}, in key order. */
    public static <V> List<KeyValue<String, V>> withPrefix(KeyValueStore<String, V> store, String prefix) {
        List<KeyValue<String, V>> found = new ArrayList<>();
        try (KeyValueIterator<String, V> scan = store.prefixScan(prefix, new StringSerializer())) {
            scan.forEachRemaining(found::add);
        }
        return found;
    }

    /** Whether the store holds no entry (one seek, whatever its size). */
    public static <V> boolean isEmpty(KeyValueStore<String, V> store) {
        try (KeyValueIterator<String, V> scan = store.all()) {
            return !scan.hasNext();
        }
    }

    /** Deletes every entry the predicate calls stale; returns how many went. */
    public static <V> int deleteWhere(KeyValueStore<String, V> store, BiPredicate<String, V> stale) {
        int deleted = 0;
        for (KeyValue<String, V> entry : entries(store)) {
            if (stale.test(entry.key, entry.value)) {
                store.delete(entry.key);
                deleted++;
            }
        }
        return deleted;
    }
}

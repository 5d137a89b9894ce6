package io.firebreak.streams.state;

import io.firebreak.schemas.kafka.errors.RecordFailures;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key-value store that holds its hot values as objects and writes each changed value to the store beneath once per
 * commit, not once per put.
 *
 * <p>Why: in a storm every signal changes its incident, and Kafka Streams' own stores serialize a value on every put
 * (the byte cache sits below the serializer). An incident is kilobytes of Avro, so serializing it per signal was half
 * of the correlation's time (JFR, bench phase {@code throughput}); written back per commit, a burst of a thousand
 * signals into one incident costs one serialization. Reads of a hot value skip deserialization the same way.
 *
 * <p>Why it is safe under exactly_once_v2: Kafka Streams calls {@link #flushCache} on every store before it flushes
 * the producer and commits the transaction, so the written-back values are in the same transaction as the input
 * offsets that produced them. A crash before the commit loses the objects and the transaction alike; the inputs are
 * reprocessed from the last commit against the last committed state. {@link #clearCache} (a task closed dirty) drops
 * them too. Scans write back first, so they see every value.
 *
 * <p>Rules for the caller: a value is never changed after {@link #put} (every change works on a copy), since the
 * object itself is what a later read returns. Memory is bounded by {@code capacity} values held changed plus
 * {@code capacity} values read recently; more changed values than that are written back early.
 *
 * <p>A value the store beneath refuses (larger than Kafka takes, see {@code SizeGuard}) is counted and logged once and
 * dropped at write-back: the stored value stays the one before. Refusing it at put time, as a plain store does, would
 * cost a serialization per put, the very cost this store removes.
 */
public final class WriteBackStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V> implements KeyValueStore<String, V> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBackStore.class);

    private final int capacity;
    /** Changed since the last write-back, in order of first change. */
    private final Map<String, V> changed = new LinkedHashMap<>();
    /** Read or written back recently, least recently used first. */
    private final Map<String, V> recent;
    private RecordFailures failures = new RecordFailures();

    WriteBackStore(KeyValueStore<String, V> inner, int capacity) {
        super(inner);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.recent = Lru.map(capacity);
    }

    /**
     * Wraps a store builder's stores. The builder's own byte cache is turned off: this store already turns many
     * puts of a key into one write per commit.
     */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> inner, int capacity) {
        return new Builder<>(inner.withCachingDisabled(), capacity);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        failures = RecordFailures.from(context.appConfigs());
        super.init(context, root);
    }

    @Override
    public V get(String key) {
        V value = changed.get(key);
        if (value == null) {
            value = recent.get(key);
        }
        if (value == null) {
            value = wrapped().get(key);
            if (value != null) {
                recent.put(key, value);
            }
        }
        return value;
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        recent.remove(key);
        changed.put(key, value);
        if (changed.size() > capacity) {
            writeBack();
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        V before = get(key);
        changed.remove(key);
        recent.remove(key);
        wrapped().delete(key);
        return before;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeBack();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeBack();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeBack();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        writeBack();
        return wrapped().reverseAll();
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, S prefixKeySerializer) {
        // only what the scan can see: a new group's scan of its cluster must not write back every other cluster's incidents
        if (prefix instanceof String text) {
            writeBack(key -> key.startsWith(text));
        } else {
            writeBack();
        }
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writeBack();
        return wrapped().approximateNumEntries();
    }

    /** Called by Kafka Streams before every commit: the changed values go into this commit's transaction. */
    @Override
    public void flushCache() {
        writeBack();
        super.flushCache();
    }

    @Override
    public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        writeBack();
        super.commit(changelogOffsets);
    }

    /** The task is closed dirty: what was not committed is gone, and so are the objects. */
    @Override
    public void clearCache() {
        changed.clear();
        recent.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        changed.clear();
        recent.clear();
        super.close();
    }

    private void writeBack() {
        writeBack(key -> true);
    }

    private void writeBack(Predicate<String> which) {
        if (changed.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<String, V>> entries = changed.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, V> entry = entries.next();
            if (!which.test(entry.getKey())) {
                continue;
            }
            try {
                wrapped().put(entry.getKey(), entry.getValue());
                recent.put(entry.getKey(), entry.getValue());
            } catch (RecordTooLargeException e) {
                refused(entry.getKey(), e);
            }
            entries.remove();
        }
    }

    private void refused(String key, RecordTooLargeException e) {
        boolean first = failures.record(new RecordFailures.Cause(RecordFailures.Stage.PRODUCTION, name(), e.getClass().getSimpleName()));
        if (first) {
            LOG.error("event=state_value_refused store={} key={} action=kept_previous_value reason={}", name(), key, e.getMessage());
        } else {
            LOG.debug("event=state_value_refused store={} key={}", name(), key);
        }
    }

    private static final class Builder<V> implements StoreBuilder<KeyValueStore<String, V>> {

        private final StoreBuilder<KeyValueStore<String, V>> inner;
        private final int capacity;

        Builder(StoreBuilder<KeyValueStore<String, V>> inner, int capacity) {
            this.inner = inner;
            this.capacity = capacity;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            throw new UnsupportedOperationException("a write-back store is its own cache");
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new WriteBackStore<>(inner.build(), capacity);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}

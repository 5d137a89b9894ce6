package io.firebreak.streams.state;

import io.firebreak.schemas.kafka.errors.RecordFailures;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
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
 * object itself is what a later read returns.
 *
 * <p>Memory is bounded by count and by bytes: at most {@code capacity} values and {@code maxBytes} held changed, and
 * as many read recently (least recently used dropped first). A value's bytes are its serialized size, measured when
 * it was last read from or written to the store beneath ({@link SerializedSizes}, so nothing is serialized to weigh
 * it); a changed value counts with the size it had then, until its write-back measures it again. More changed values
 * or bytes than the bound are written back early.
 *
 * <p>A value the store beneath refuses (larger than Kafka takes, see {@code SizeGuard}) is counted and logged once and
 * dropped at write-back: the stored value stays the one before. Refusing it at put time, as a plain store does, would
 * cost a serialization per put, the very cost this store removes.
 */
public final class WriteBackStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V> implements KeyValueStore<String, V> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBackStore.class);

    /** What a value never measured yet counts as: a new incident, put before any write-back weighed it. */
    static final int UNMEASURED_BYTES = 1024;

    private final int capacity;
    private final long maxBytes;
    private final SerializedSizes sizes;
    /** Changed since the last write-back, in order of first change. */
    private final Map<String, Held<V>> changed = new LinkedHashMap<>();
    private long changedBytes;
    /** Read or written back recently, least recently used first. */
    private final Map<String, Held<V>> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long recentBytes;
    private RecordFailures failures = new RecordFailures();

    /** A value and its serialized size when last measured. */
    private record Held<V>(V value, int bytes) {
    }

    private WriteBackStore(KeyValueStore<String, V> inner, int capacity, long maxBytes, SerializedSizes sizes) {
        super(inner);
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.sizes = sizes;
    }

    /**
     * A builder of write-back stores over {@code supplier}'s stores, holding at most {@code capacity} values and
     * {@code maxBytes} changed and as many read recently. The inner builder's byte cache is off: this store already
     * turns many puts of a key into one write per commit.
     */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(KeyValueBytesStoreSupplier supplier, Serde<String> key,
                                                                     Serde<V> value, int capacity, long maxBytes) {
        if (capacity < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("capacity and maxBytes must be positive, got " + capacity + " and " + maxBytes);
        }
        SerializedSizes sizes = new SerializedSizes();
        StoreBuilder<KeyValueStore<String, V>> inner = Stores.keyValueStoreBuilder(supplier, key, sizes.measuring(value));
        return new Builder<>(inner.withCachingDisabled(), capacity, maxBytes, sizes);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        failures = RecordFailures.from(context.appConfigs());
        super.init(context, root);
    }

    @Override
    public V get(String key) {
        Held<V> held = changed.get(key);
        if (held == null) {
            held = recent.get(key);
        }
        if (held != null) {
            return held.value();
        }
        sizes.take(); // whatever this thread measured before is not this value
        V value = wrapped().get(key);
        if (value != null) {
            remember(key, new Held<>(value, measured(UNMEASURED_BYTES)));
        }
        return value;
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        Held<V> read = forgetRecent(key);
        Held<V> before = changed.get(key);
        int bytes = before != null ? before.bytes() : read != null ? read.bytes() : UNMEASURED_BYTES;
        changed.put(key, new Held<>(value, bytes));
        changedBytes += bytes - (before != null ? before.bytes() : 0);
        if (changed.size() > capacity || changedBytes > maxBytes) {
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
        Held<V> unwritten = changed.remove(key);
        if (unwritten != null) {
            changedBytes -= unwritten.bytes();
        }
        forgetRecent(key);
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
        forgetAll();
        super.clearCache();
    }

    @Override
    public void close() {
        forgetAll();
        super.close();
    }

    /** Serialized bytes held as objects now, changed and recent: what the byte bound applies to (a test reads it). */
    long heldBytes() {
        return changedBytes + recentBytes;
    }

    private void forgetAll() {
        changed.clear();
        recent.clear();
        changedBytes = 0;
        recentBytes = 0;
    }

    private Held<V> forgetRecent(String key) {
        Held<V> held = recent.remove(key);
        if (held != null) {
            recentBytes -= held.bytes();
        }
        return held;
    }

    /** Keeps a value read or written back, dropping the least recently used past either bound. */
    private void remember(String key, Held<V> held) {
        forgetRecent(key);
        recent.put(key, held);
        recentBytes += held.bytes();
        Iterator<Map.Entry<String, Held<V>>> eldest = recent.entrySet().iterator();
        while ((recent.size() > capacity || recentBytes > maxBytes) && eldest.hasNext()) {
            recentBytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    /** The size this thread's serde just measured, or {@code otherwise} when it measured nothing. */
    private int measured(int otherwise) {
        int bytes = sizes.take();
        return bytes == SerializedSizes.UNKNOWN ? otherwise : bytes;
    }

    private void writeBack() {
        writeBack(key -> true);
    }

    private void writeBack(Predicate<String> which) {
        if (changed.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<String, Held<V>>> entries = changed.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Held<V>> entry = entries.next();
            if (!which.test(entry.getKey())) {
                continue;
            }
            Held<V> held = entry.getValue();
            try {
                sizes.take();
                wrapped().put(entry.getKey(), held.value());
                remember(entry.getKey(), new Held<>(held.value(), measured(held.bytes())));
            } catch (RecordTooLargeException e) {
                refused(entry.getKey(), e);
            }
            entries.remove();
            changedBytes -= held.bytes();
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
        private final long maxBytes;
        private final SerializedSizes sizes;

        Builder(StoreBuilder<KeyValueStore<String, V>> inner, int capacity, long maxBytes, SerializedSizes sizes) {
            this.inner = inner;
            this.capacity = capacity;
            this.maxBytes = maxBytes;
            this.sizes = sizes;
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
            return new WriteBackStore<>(inner.build(), capacity, maxBytes, sizes);
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

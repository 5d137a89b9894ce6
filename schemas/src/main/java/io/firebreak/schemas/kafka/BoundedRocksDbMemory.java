package io.firebreak.schemas.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB state store of the process: one LRU block cache shared by all stores
 * (of every Kafka Streams application in the JVM), with the memtables charged to it through one
 * {@link WriteBufferManager}, and index and filter blocks inside it. Left alone, each store of each task has its own
 * cache and memtables, so memory grows with partitions × stores until the container is OOM-killed.
 *
 * <p>Kafka Streams creates the setter by class name for each store, so the shared cache can only live in a static
 * field: this is the pattern of the Kafka Streams memory-management documentation. One cache per size pair, never
 * closed (it lives as long as the process).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams config key: bytes of the shared block cache, memtables included. */
    public static final String CACHE_BYTES = "firebreak.rocksdb.cache.bytes";
    /** Streams config key: of {@link #CACHE_BYTES}, how many the memtables may take. */
    public static final String WRITE_BUFFER_BYTES = "firebreak.rocksdb.write.buffer.bytes";
    /** Share of the cache kept for index and filter blocks (high priority), as in the Kafka Streams documentation. */
    static final double INDEX_AND_FILTER_SHARE = 0.1;

    /** The bound: bytes of the shared block cache, memtables included, and of them the memtables. */
    public record Sizes(long cacheBytes, long writeBufferBytes) {
        public Sizes {
            if (cacheBytes <= 0 || writeBufferBytes <= 0 || writeBufferBytes > cacheBytes) {
                throw new IllegalArgumentException("need 0 < write buffers (" + writeBufferBytes + " B) <= cache (" + cacheBytes + " B)");
            }
        }
    }

    record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    private static final Map<Sizes, Shared> SHARED = new ConcurrentHashMap<>();

    /** Puts the setter and its sizes into Kafka Streams {@code props}. */
    public static void apply(Properties props, long cacheBytes, long writeBufferBytes) {
        new Sizes(cacheBytes, writeBufferBytes); // refuse bad sizes at start-up, not when the first store opens
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(CACHE_BYTES, cacheBytes);
        props.put(WRITE_BUFFER_BYTES, writeBufferBytes);
    }

    static Shared shared(Sizes sizes) {
        return SHARED.computeIfAbsent(sizes, s -> {
            RocksDB.loadLibrary(); // loaded already when Kafka Streams opens a store; a no-op then
            Cache cache = new LRUCache(s.cacheBytes(), -1, false, INDEX_AND_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager(s.writeBufferBytes(), cache));
        });
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        configure(options, new Sizes(bytes(configs, CACHE_BYTES), bytes(configs, WRITE_BUFFER_BYTES)));
    }

    /**
     * Charges a RocksDB database's block cache and memtables to the process's shared bound of these sizes: for a
     * database firebreak opens itself (the API's signal index), which then counts in the same {@code kafka.rocksdb}
     * bound as the state stores.
     */
    public static void configure(Options options, Sizes sizes) {
        Shared shared = shared(sizes);
        // Kafka Streams hands over options with a block-based table config; a database opened directly has none yet
        BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig given ? given : new BlockBasedTableConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBuffers());
        // The manager switches a store's memtable only when no flush of that store is pending: while a flush lags, the
        // store's own write buffer size is what stops its memtable, so it may be at most half the bound (Kafka Streams'
        // 16 MiB stays under the default 32 MiB bound).
        options.setWriteBufferSize(Math.min(options.writeBufferSize(), sizes.writeBufferBytes() / 2));
        options.setTableFormatConfig(table);
    }

    private static long bytes(Map<String, Object> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not set: use BoundedRocksDbMemory.apply");
        }
        return Long.parseLong(value.toString());
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store: they outlive any one of them
    }
}

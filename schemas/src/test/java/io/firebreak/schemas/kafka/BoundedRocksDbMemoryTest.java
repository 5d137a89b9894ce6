package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class BoundedRocksDbMemoryTest {

    private static final long CACHE = 8L << 20;
    private static final long WRITE_BUFFERS = 4L << 20;

    @Test
    void everyStoreChargesItsMemtablesToOneSharedCacheAndFlushesThemAtTheWriteBufferBound(@TempDir Path dir) throws Exception {
        Properties props = new Properties();
        BoundedRocksDbMemory.apply(props, CACHE, WRITE_BUFFERS);
        assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.CACHE_BYTES, props.get(BoundedRocksDbMemory.CACHE_BYTES),
                BoundedRocksDbMemory.WRITE_BUFFER_BYTES, props.get(BoundedRocksDbMemory.WRITE_BUFFER_BYTES));
        BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.shared(new BoundedRocksDbMemory.Sizes(CACHE, WRITE_BUFFERS));
        byte[] value = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
        try (Options first = options(configs, "first"); Options second = options(configs, "second");
             RocksDB a = RocksDB.open(first, dir.resolve("a").toString()); RocksDB b = RocksDB.open(second, dir.resolve("b").toString())) {
            // 64 MiB of writes in all, 8 times the cache. Unbounded, each store's memtable would grow to RocksDB's default
            // 64 MiB, outside any cache. Bounded, the write buffer manager reserves the memtables' memory in the shared
            // cache as they allocate it, and a store's memtable is switched in the write path once all memtables together
            // pass the write buffer bound or (while a flush of that store lags) the store's own share of it. Both happen
            // on the writing thread, so they are asked while writing; how soon the flush threads free the switched
            // memtables depends on the machine's load (a CI failure: the cache passed its size for a minute), so it is not.
            for (int i = 0; i < 32_768; i++) {
                byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                a.put(key, value);
                b.put(key, value);
                if (i % 512 == 511) {
                    long cached = shared.cache().getUsage();
                    assertThat(activeMemtable(a)).as("store a's memtable after %d writes", i + 1).isLessThanOrEqualTo(WRITE_BUFFERS);
                    assertThat(activeMemtable(b)).as("store b's memtable after %d writes", i + 1).isLessThanOrEqualTo(WRITE_BUFFERS);
                    assertThat(cached).as("the shared cache holds the memtables of both stores after %d writes", i + 1)
                            .isGreaterThanOrEqualTo(allMemtables(a) + allMemtables(b));
                }
            }
        }
    }

    private static long activeMemtable(RocksDB db) throws RocksDBException {
        return db.getLongProperty("rocksdb.cur-size-active-mem-table");
    }

    private static long allMemtables(RocksDB db) throws RocksDBException {
        return db.getLongProperty("rocksdb.cur-size-all-mem-tables");
    }

    @Test
    void writeBuffersLargerThanTheCacheAreRefusedAtStartUp() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.apply(new Properties(), 1L << 20, 2L << 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write buffers");
    }

    private static Options options(Map<String, Object> configs, String store) {
        Options options = new Options().setCreateIfMissing(true);
        options.setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedRocksDbMemory().setConfig(store, options, configs);
        return options;
    }
}

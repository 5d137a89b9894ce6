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

class BoundedRocksDbMemoryTest {

    private static final long CACHE = 8L << 20;
    private static final long WRITE_BUFFERS = 4L << 20;

    @Test
    void everyStoreChargesItsMemtablesToOneSharedCacheThatStaysWithinItsBound(@TempDir Path dir) throws Exception {
        Properties props = new Properties();
        BoundedRocksDbMemory.apply(props, CACHE, WRITE_BUFFERS);
        assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.CACHE_BYTES, props.get(BoundedRocksDbMemory.CACHE_BYTES),
                BoundedRocksDbMemory.WRITE_BUFFER_BYTES, props.get(BoundedRocksDbMemory.WRITE_BUFFER_BYTES));
        BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.shared(new BoundedRocksDbMemory.Sizes(CACHE, WRITE_BUFFERS));
        byte[] value = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
        long peak = 0;
        try (Options first = options(configs, "first"); Options second = options(configs, "second");
             RocksDB a = RocksDB.open(first, dir.resolve("a").toString()); RocksDB b = RocksDB.open(second, dir.resolve("b").toString())) {
            // 128 MiB of writes in all, 16 times the cache: unbounded, each store's memtables (64 MiB by default) would hold
            // its 64 MiB, outside any cache
            for (int i = 0; i < 65_536; i++) {
                byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                a.put(key, value);
                b.put(key, value);
                peak = Math.max(peak, shared.cache().getUsage());
            }
            assertThat(shared.cache().getUsage()).as("the memtables are charged to the shared cache").isPositive();
        }
        // not a strict limit (writes are never stalled, as in Kafka Streams' documented set-up): memtables being flushed
        // stay charged until their flush ends, so a burst passes the cache size for a moment, never the 128 MiB written
        assertThat(peak).as("peak usage of the one cache of both stores").isLessThanOrEqualTo(4 * CACHE);
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

package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final byte[] NUDGE = "nudge".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyStoreChargesItsMemtablesToOneSharedCacheThatStaysWithinItsBound(@TempDir Path dir) throws Exception {
        Properties props = new Properties();
        BoundedRocksDbMemory.apply(props, CACHE, WRITE_BUFFERS);
        assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.CACHE_BYTES, props.get(BoundedRocksDbMemory.CACHE_BYTES),
                BoundedRocksDbMemory.WRITE_BUFFER_BYTES, props.get(BoundedRocksDbMemory.WRITE_BUFFER_BYTES));
        BoundedRocksDbMemory.Shared shared = BoundedRocksDbMemory.shared(new BoundedRocksDbMemory.Sizes(CACHE, WRITE_BUFFERS));
        byte[] value = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
        try (Options first = options(configs, "first"); Options second = options(configs, "second");
             RocksDB a = RocksDB.open(first, dir.resolve("a").toString()); RocksDB b = RocksDB.open(second, dir.resolve("b").toString())) {
            // 128 MiB of writes in all, 16 times the cache, in bursts of 16 MiB: unbounded, each store's memtables (64 MiB
            // by default) would keep growing, outside any cache. Bounded, the memtables are flushed once they pass the
            // write buffer size, so after each burst the cache comes back within its size. How far a burst passes it
            // depends on how fast the flush threads run (writes are never stalled, as in Kafka Streams' documented
            // set-up), so the bound is asked after the burst, not during it.
            for (int burst = 0; burst < 8; burst++) {
                for (int i = 0; i < 8_192; i++) {
                    byte[] key = ("key-" + burst + "-" + i).getBytes(StandardCharsets.UTF_8);
                    a.put(key, value);
                    b.put(key, value);
                }
                assertThat(shared.cache().getUsage()).as("the memtables are charged to the shared cache").isPositive();
                // a flush is scheduled by the next write once the buffers are full: one small write per store asks for it
                a.put(NUDGE, value);
                b.put(NUDGE, value);
                await("the shared cache back within its size after burst " + burst).atMost(Duration.ofSeconds(60))
                        .until(() -> shared.cache().getUsage() <= CACHE);
            }
        }
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

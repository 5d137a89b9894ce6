package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import java.util.Properties;

/**
 * {@code kafka.rocksdb:} — the off-heap memory of all RocksDB state of the process (correlation and SLO engine
 * together): {@code cache} bounds block cache + memtables, of which {@code writeBuffers} may be memtables. Count it
 * beside the heap when sizing a container: limit ≥ heap + cache + ~100 MiB for the JVM itself.
 */
public class RocksDbConfig {

    @JsonProperty
    public DataSize cache = DataSize.mebibytes(128);

    @JsonProperty
    public DataSize writeBuffers = DataSize.mebibytes(32);

    /** The bound, for a RocksDB database firebreak opens itself (the read model's signal index). */
    public BoundedRocksDbMemory.Sizes sizes() {
        return new BoundedRocksDbMemory.Sizes(cache.toBytes(), writeBuffers.toBytes());
    }

    /** Puts the bounded-memory setter into a Kafka Streams application's {@code props}. */
    public void applyTo(Properties props) {
        BoundedRocksDbMemory.apply(props, cache.toBytes(), writeBuffers.toBytes());
    }
}

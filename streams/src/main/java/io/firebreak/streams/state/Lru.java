package io.firebreak.streams.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps at most {@code capacity} entries, dropping the least recently used: the bound of every cache here. */
public final class Lru {

    private Lru() {
    }

    /** Not thread-safe, like the stream thread that owns it; wrap it with {@code Collections.synchronizedMap} to share. */
    public static <K, V> Map<K, V> map(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        return new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}

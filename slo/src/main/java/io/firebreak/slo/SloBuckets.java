package io.firebreak.slo;

import io.firebreak.slo.burn.WindowCounts;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Per-SLO (good, total) counts in 1-minute buckets (for the burn windows, kept as long as the longest window plus
 * grace) and 1-hour buckets (for the budget over the period). Memory is bounded by bucket count, not traffic: the
 * window stores drop whole expired segments by themselves.
 *
 * <p>A window {@code w} at time {@code now} is the {@code w / 1m} most recent minute buckets, the current (partial)
 * one included: resolution is one minute. The period is the {@code P / 1h} most recent hour buckets.
 */
final class SloBuckets {

    static final long MINUTE = Duration.ofMinutes(1).toMillis();
    static final long HOUR = Duration.ofHours(1).toMillis();

    private final WindowStore<String, WindowCounts> minutes;
    private final WindowStore<String, WindowCounts> hours;

    SloBuckets(WindowStore<String, WindowCounts> minutes, WindowStore<String, WindowCounts> hours) {
        this.minutes = minutes;
        this.hours = hours;
    }

    static long bucketOf(long at, long size) {
        return Math.floorDiv(at, size) * size;
    }

    void add(String slo, long at, WindowCounts counts) {
        increment(minutes, slo, bucketOf(at, MINUTE), counts);
        increment(hours, slo, bucketOf(at, HOUR), counts);
    }

    private static void increment(WindowStore<String, WindowCounts> store, String slo, long bucket, WindowCounts counts) {
        WindowCounts current = store.fetch(slo, bucket);
        store.put(slo, current == null ? counts : current.plus(counts), bucket);
    }

    /** Counts of each window (all of them must be whole minutes) ending with the bucket of {@code now}. */
    Map<Duration, WindowCounts> windows(String slo, long now, List<Duration> windows) {
        long current = bucketOf(now, MINUTE);
        long longest = windows.stream().mapToLong(Duration::toMillis).max().orElse(MINUTE);
        Map<Duration, WindowCounts> sums = new LinkedHashMap<>();
        windows.forEach(window -> sums.put(window, WindowCounts.EMPTY));
        try (WindowStoreIterator<WindowCounts> buckets = minutes.fetch(slo, current - longest + MINUTE, current)) {
            while (buckets.hasNext()) {
                KeyValue<Long, WindowCounts> bucket = buckets.next();
                for (Duration window : windows) {
                    if (bucket.key > current - window.toMillis()) {
                        sums.merge(window, bucket.value, WindowCounts::plus);
                    }
                }
            }
        }
        return sums;
    }

    /** Counts over the period ending with the hour bucket of {@code now} (what is left of it, see ErrorBudget#remaining). */
    WindowCounts period(String slo, long now, Duration period) {
        long current = bucketOf(now, HOUR);
        WindowCounts sum = WindowCounts.EMPTY;
        try (WindowStoreIterator<WindowCounts> buckets = hours.fetch(slo, current - period.toMillis() + HOUR, current)) {
            while (buckets.hasNext()) {
                sum = sum.plus(buckets.next().value);
            }
        }
        return sum;
    }

    /** 16 bytes per bucket: good, total. */
    static Serde<WindowCounts> countsSerde() {
        return Serdes.serdeFrom(
                (topic, counts) -> counts == null ? null : ByteBuffer.allocate(16).putLong(counts.good()).putLong(counts.total()).array(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new WindowCounts(buffer.getLong(), buffer.getLong());
                });
    }
}

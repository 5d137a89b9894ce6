package io.firebreak.slo.logalerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Matching lines of one rule, cluster and service, counted per bucket of {@code bucketMillis} (a sixtieth of the
 * window, at least a second) by the line's own time: the state stays at about 60 buckets whatever the log rate. A
 * bucket counts while it overlaps the window, so the window is {@code within} plus at most one bucket.
 */
public record LineCounts(long bucketMillis, List<Bucket> buckets) {

    static final int BUCKETS_PER_WINDOW = 60;

    public record Bucket(long start, long lines) {
    }

    public LineCounts {
        buckets = List.copyOf(buckets);
    }

    public static LineCounts empty(Duration within) {
        return new LineCounts(bucketMillis(within), List.of());
    }

    static long bucketMillis(Duration within) {
        return Math.max(1000, within.toMillis() / BUCKETS_PER_WINDOW / 1000 * 1000);
    }

    /** One more line at {@code at} (not after {@code now}); buckets that left the window are dropped. */
    public LineCounts add(long at, Duration within, long now) {
        long start = Math.floorDiv(at, bucketMillis) * bucketMillis;
        List<Bucket> next = new ArrayList<>(buckets.size() + 1);
        boolean added = false;
        for (Bucket bucket : buckets) {
            if (!inWindow(bucket, within, now)) {
                continue;
            }
            if (!added && bucket.start() == start) {
                next.add(new Bucket(start, bucket.lines() + 1));
                added = true;
            } else {
                if (!added && bucket.start() > start) {
                    next.add(new Bucket(start, 1));
                    added = true;
                }
                next.add(bucket);
            }
        }
        if (!added) {
            next.add(new Bucket(start, 1));
        }
        return new LineCounts(bucketMillis, next);
    }

    /** Lines within {@code within} before {@code now}. */
    public long count(Duration within, long now) {
        return buckets.stream().filter(bucket -> inWindow(bucket, within, now)).mapToLong(Bucket::lines).sum();
    }

    /** Without the buckets that left the window. */
    public LineCounts pruned(Duration within, long now) {
        return new LineCounts(bucketMillis, buckets.stream().filter(bucket -> inWindow(bucket, within, now)).toList());
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    private boolean inWindow(Bucket bucket, Duration within, long now) {
        return bucket.start() + bucketMillis > now - within.toMillis();
    }
}

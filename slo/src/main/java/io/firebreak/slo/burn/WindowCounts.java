package io.firebreak.slo.burn;

/** Good and total (valid) events over some span of time. */
public record WindowCounts(long good, long total) {

    public static final WindowCounts EMPTY = new WindowCounts(0, 0);

    public WindowCounts {
        if (good < 0 || total < good) {
            throw new IllegalArgumentException("need 0 <= good <= total, got good=" + good + " total=" + total);
        }
    }

    public long bad() {
        return total - good;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public WindowCounts plus(WindowCounts other) {
        return new WindowCounts(good + other.good, total + other.total);
    }
}

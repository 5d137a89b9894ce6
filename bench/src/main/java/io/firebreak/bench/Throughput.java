package io.firebreak.bench;

/** Items done over elapsed nanoseconds. */
public record Throughput(long items, long elapsedNanos) {

    public double perSecond() {
        return elapsedNanos == 0 ? 0 : items * 1e9 / elapsedNanos;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }
}

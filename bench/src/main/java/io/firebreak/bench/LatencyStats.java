package io.firebreak.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in milliseconds; the histogram records microseconds. */
public record LatencyStats(long count, double p50, double p90, double p99, double p999, double max) {

    /** Up to one minute at three significant digits: ample for an HTTP request or a page. */
    public static Histogram newHistogram() {
        return new Histogram(60_000_000L, 3);
    }

    /**
     * Ten minutes, safe for concurrent writers: page latencies of a pipeline that falls behind an alert storm, recorded
     * from HTTP client callbacks; a one-minute range would clamp exactly the figures that matter there.
     */
    public static Histogram newConcurrentHistogram() {
        return new ConcurrentHistogram(600_000_000L, 3);
    }

    public static LatencyStats of(Histogram micros) {
        return new LatencyStats(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    /** Records a nanosecond duration, clamped into the histogram's range so one outlier never throws. */
    public static void record(Histogram micros, long nanos) {
        micros.recordValue(Math.max(0, Math.min(micros.getHighestTrackableValue(), nanos / 1_000)));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    public String summary() {
        return String.format("p50 %.2f / p90 %.2f / p99 %.2f / p99.9 %.2f / max %.2f ms (n=%d)", p50, p90, p99, p999, max, count);
    }
}

package io.firebreak.postmortem.report;

import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * Mean, median and 90th percentile of one MTTx metric, in seconds, over the incidents where it applies.
 *
 * @param samples how many incidents had the metric (incidents where it was "n/a" are not counted)
 * @param median  the middle value, or the mean of the two middle ones
 * @param p90     nearest-rank: the smallest value that at least 90% of the samples do not exceed
 */
public record MttxStats(int samples, OptionalDouble meanSeconds, OptionalDouble medianSeconds, OptionalDouble p90Seconds) {

    public static final MttxStats EMPTY = new MttxStats(0, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    public static MttxStats of(Collection<Long> seconds) {
        if (seconds.isEmpty()) {
            return EMPTY;
        }
        long[] sorted = seconds.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
        return new MttxStats(n, OptionalDouble.of(mean), OptionalDouble.of(median), OptionalDouble.of(p90));
    }
}

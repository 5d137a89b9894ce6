package io.firebreak.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples the correlation's backlog while a storm runs, so a late page can be placed: a backlog that grows and drains
 * during the storm delays every record behind it, while the backlog at the storm's end says only where it finished.
 */
final class BacklogSampler implements AutoCloseable {

    /** The largest backlog seen, when (seconds after sampling began), and the mean over the samples; -1 when none was read. */
    record Summary(long max, double maxAtSeconds, double mean, int samples) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-backlog-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos = System.nanoTime();
    private long max = -1;
    private long maxAtNanos;
    private long sum;
    private int samples;

    /** {@code behind} answers the backlog in offsets, or a negative number when it could not be read. */
    BacklogSampler(LongSupplier behind, Duration every) {
        timer.scheduleAtFixedRate(() -> record(behind.getAsLong()), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void record(long behind) {
        if (behind < 0) {
            return;
        }
        samples++;
        sum += behind;
        if (behind > max) {
            max = behind;
            maxAtNanos = System.nanoTime() - startNanos;
        }
    }

    synchronized Summary summary() {
        return new Summary(max, maxAtNanos / 1e9, samples == 0 ? -1 : (double) sum / samples, samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

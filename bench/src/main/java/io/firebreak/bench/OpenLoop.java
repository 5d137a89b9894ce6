package io.firebreak.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-loop sender: request {@code i} is due at {@code start + i × period}, whatever the earlier answers do, the way
 * many Alertmanagers and probes send independently of each other. Latency is measured from the <em>scheduled</em>
 * send time, not from when the request actually left, so a server that stalls is charged for every request that
 * queued behind the stall (no coordinated omission). At most {@code maxInFlight} requests are outstanding: when
 * that many wait for an answer the next one leaves late, and its latency still counts from its due time.
 *
 * <p>No retries: a 429 or 503 is counted as not accepted, so the checks see it.
 */
public final class OpenLoop {

    /** What the sender saw; {@code scheduledAt[i]} is request i's due time ({@link System#nanoTime()}), 0 if never sent. */
    public record Result(int sent, int accepted, int notSent, Map<Integer, Integer> statuses, int transportErrors,
                         String firstTransportError, LatencyStats latency, long startNanos, long lastAnswerNanos,
                         long[] scheduledAt) {

        public int count(int fromStatus, int toStatus) {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= fromStatus && e.getKey() <= toStatus)
                    .mapToInt(Map.Entry::getValue).sum();
        }

        /** Every scheduled request left and got a 202. */
        public boolean allAccepted() {
            return notSent == 0 && transportErrors == 0 && accepted == sent;
        }

        /** First due time → last answer. */
        public double seconds() {
            return lastAnswerNanos <= startNanos ? 0 : (lastAnswerNanos - startNanos) / 1e9;
        }
    }

    /** How long to wait for the answers still outstanding once the last request left (the client's timeout is 30 s). */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(35);

    private final FirebreakClient client;
    private final long startNanos;
    private final long periodNanos;
    private final long[] scheduledAt;
    private final BooleanSupplier keepGoing;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final long giveUpAt;
    private final IntFunction<String> bodies;
    private final Thread thread;
    private final Histogram latency = LatencyStats.newConcurrentHistogram();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong lastAnswer = new AtomicLong();
    private volatile int sent;
    private volatile boolean gaveUp;

    private OpenLoop(String name, FirebreakClient client, long startNanos, long periodNanos, int count, BooleanSupplier keepGoing,
                     int maxInFlight, long giveUpAt, IntFunction<String> bodies) {
        this.client = client;
        this.startNanos = startNanos;
        this.periodNanos = periodNanos;
        this.scheduledAt = new long[count];
        this.keepGoing = keepGoing;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.giveUpAt = giveUpAt;
        this.bodies = bodies;
        this.thread = new Thread(this::schedule, "bench-open-loop-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts sending on a thread of its own.
     *
     * @param count     at most this many requests (request i is due at {@code startNanos + i × periodNanos})
     * @param keepGoing checked before each request: false ends the schedule early (for a phase of unknown length)
     * @param giveUpAt  a request that cannot leave by this instant (too many outstanding) ends the schedule; the rest
     *                  count as not sent, so a stalled server bounds the run instead of hanging it
     */
    public static OpenLoop start(String name, FirebreakClient client, long startNanos, long periodNanos, int count,
                                 BooleanSupplier keepGoing, int maxInFlight, long giveUpAt, IntFunction<String> bodies) {
        OpenLoop loop = new OpenLoop(name, client, startNanos, periodNanos, count, keepGoing, maxInFlight, giveUpAt, bodies);
        loop.thread.start();
        return loop;
    }

    private void schedule() {
        for (int i = 0; i < scheduledAt.length && keepGoing.getAsBoolean(); i++) {
            long due = startNanos + i * periodNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
                if (Thread.currentThread().isInterrupted()) {
                    gaveUp = true;
                    return;
                }
            }
            try {
                if (!inFlight.tryAcquire(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    gaveUp = true; // the server has not answered maxInFlight requests until the give-up time: stop, report
                    return;
                }
            } catch (InterruptedException e) {
                gaveUp = true;
                Thread.currentThread().interrupt();
                return;
            }
            String body = bodies.apply(i);
            scheduledAt[i] = due;
            sent = i + 1;
            client.sendAsync(body).whenComplete((answer, error) -> {
                long now = System.nanoTime();
                LatencyStats.record(latency, now - due);
                lastAnswer.accumulateAndGet(now, Math::max);
                if (error != null) {
                    transportErrors.incrementAndGet();
                    firstError.compareAndSet(null, error.toString());
                } else {
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.status() == 202) {
                        accepted.incrementAndGet();
                    }
                }
                inFlight.release();
            });
        }
    }

    /** Requests sent so far. */
    public int sent() {
        return sent;
    }

    /** Waits for the schedule to end and its answers (bounded), then tells what happened. */
    public Result await(Duration scheduleLimit) throws InterruptedException {
        thread.join(Math.max(1, scheduleLimit.toMillis()));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(5_000);
        }
        // every permit back = every answer (or transport error) in; an answer later than this is lost to the report
        boolean answered = inFlight.tryAcquire(maxInFlight, ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        int done = sent;
        int unanswered = answered ? 0 : maxInFlight - inFlight.availablePermits();
        if (unanswered > 0) {
            transportErrors.addAndGet(unanswered);
            firstError.compareAndSet(null, unanswered + " request(s) unanswered " + ANSWER_WAIT.toSeconds() + " s after the schedule ended");
        }
        return new Result(done, (int) accepted.get(), gaveUp ? scheduledAt.length - done : 0, new TreeMap<>(statuses), (int) transportErrors.get(),
                firstError.get() == null ? "" : firstError.get(), LatencyStats.of(latency), startNanos, lastAnswer.get(),
                scheduledAt.clone());
    }
}

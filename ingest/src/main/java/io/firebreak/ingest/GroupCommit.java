package io.firebreak.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests hand their records to one writer thread, which commits everything that queued up
 * while the previous transaction was in flight as the next transaction (bounded by {@link Limits}), and
 * answers each request when the transaction that carried it has committed or failed.
 *
 * <p>Guarantees, per request:
 * <ul>
 *   <li>All or nothing: a request's records always travel whole in one transaction, never split.</li>
 *   <li>Returning normally (a 202) means its transaction committed. Never before.</li>
 *   <li>A {@link KafkaUnavailableException} (a 503) means "not committed, or maybe committed": a request still
 *       queued when its {@code timeout} runs out is cancelled and is then never written; a request a transaction
 *       already carries waits for that transaction's outcome (bounded by the producer's own timeouts), and only a
 *       writer stuck past a second {@code timeout} answers 503 while the transaction may still commit. That case
 *       is safe: the sender retries, event ids are deterministic and the pipeline deduplicates.</li>
 *   <li>Requests commit in arrival order (a FIFO queue, batches in queue order).</li>
 * </ul>
 * When a transaction fails, every request still queued is failed at once too, instead of each spending another
 * full timeout on a Kafka that just failed (what the previous one-transaction-per-request writer also did).
 *
 * @param <R> one record as the transaction takes it (Kafka-free here so the batching is testable alone)
 */
final class GroupCommit<R> implements AutoCloseable {

    /** Writes records in one transaction, returning once committed; throws {@link KafkaUnavailableException} if not. */
    @FunctionalInterface
    interface Transaction<R> {
        void commit(List<R> records);
    }

    /**
     * Most records and bytes one transaction gathers from several requests; a single request above them still
     * goes alone and whole (all-or-nothing wins over the bound).
     */
    record Limits(int maxRecords, long maxBytes) {
        Limits {
            if (maxRecords <= 0 || maxBytes <= 0) {
                throw new IllegalArgumentException("limits must be positive, got " + maxRecords + " records, " + maxBytes + " bytes");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Transaction<R> transaction;
    private final Limits limits;
    private final Duration timeout;
    private final Thread writer;
    private final AtomicLong transactionsCommitted = new AtomicLong();
    private final AtomicLong requestsCommitted = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<Pending<R>> queue = new ArrayDeque<>();
    private boolean closed;

    private GroupCommit(String threadName, Transaction<R> transaction, Limits limits, Duration timeout) {
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.writer = new Thread(this::run, threadName);
        this.writer.setDaemon(true);
    }

    /** A started group commit whose single writer thread (named {@code threadName}) is the only caller of {@code transaction}. */
    static <R> GroupCommit<R> start(String threadName, Transaction<R> transaction, Limits limits, Duration timeout) {
        GroupCommit<R> groupCommit = new GroupCommit<>(threadName, transaction, limits, timeout);
        groupCommit.writer.start();
        return groupCommit;
    }

    /**
     * Blocks until a transaction carrying {@code records} committed.
     *
     * @param bytes the records' size, counted against {@link Limits#maxBytes()}
     * @throws KafkaUnavailableException not committed within the timeout, the transaction failed, or closed
     */
    void commit(List<R> records, long bytes) {
        if (records.isEmpty()) {
            return;
        }
        Pending<R> pending = new Pending<>(List.copyOf(records), bytes);
        enqueue(pending);
        await(pending);
    }

    /** Transactions committed so far (fewer than requests committed when requests share transactions). */
    long transactionsCommitted() {
        return transactionsCommitted.get();
    }

    long requestsCommitted() {
        return requestsCommitted.get();
    }

    /** Requests waiting for a transaction (not counting the one in flight). */
    int queued() {
        lock.lock();
        try {
            return (int) queue.stream().filter(Pending::isQueued).count();
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Pending<R> pending) {
        lock.lock();
        try {
            if (closed) {
                throw new KafkaUnavailableException("event writer is closed (shutting down)", null);
            }
            queue.addLast(pending);
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    private void await(Pending<R> pending) {
        try {
            try {
                pending.outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                if (pending.cancel()) {
                    // Still queued: it is now out of every future transaction, so "not written" is certain.
                    throw new KafkaUnavailableException("no Kafka transaction took the write within " + timeout, null);
                }
                // A transaction carries it: the answer follows that transaction. It ends within the producer's
                // own timeouts; this second bound only guards against a wedged writer.
                pending.outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException stuck) {
            LOG.warn("event=kafka_commit_outcome_unknown records={} waitedMs={}", pending.records.size(), 2 * timeout.toMillis());
            throw new KafkaUnavailableException("the Kafka transaction carrying the write did not end within " + timeout.multipliedBy(2)
                    + " (it may still commit)", stuck);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String maybe = pending.cancel() ? "" : " (it may still commit)";
            throw new KafkaUnavailableException("interrupted while waiting for the Kafka commit" + maybe, e);
        } catch (ExecutionException e) {
            // A fresh exception per request: the shared cause carries the writer thread's stack, this one the caller's.
            throw new KafkaUnavailableException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void run() {
        try {
            for (List<Pending<R>> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                commit(batch);
            }
        } finally {
            // Normally closed already; if the writer died of an Error, refuse new work instead of timing it out.
            shutDown("the event writer stopped");
        }
    }

    /** Blocks until something is queued; empty once closed. Takes whole requests in order, within the limits. */
    private List<Pending<R>> nextBatch() {
        lock.lock();
        try {
            while (true) {
                while (queue.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return List.of();
                }
                List<Pending<R>> batch = new ArrayList<>();
                int records = 0;
                long bytes = 0;
                while (!queue.isEmpty()) {
                    Pending<R> next = queue.peekFirst();
                    if (next.isQueued() && !batch.isEmpty()
                            && (records + next.records.size() > limits.maxRecords() || bytes + next.bytes > limits.maxBytes())) {
                        break;
                    }
                    queue.pollFirst();
                    if (next.take()) { // false: its caller gave up (cancelled), so it is dropped unwritten
                        batch.add(next);
                        records += next.records.size();
                        bytes += next.bytes;
                    }
                }
                if (!batch.isEmpty()) {
                    return batch;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Pending<R>> batch) {
        List<R> records = new ArrayList<>();
        batch.forEach(pending -> records.addAll(pending.records));
        try {
            transaction.commit(records);
        } catch (RuntimeException | Error e) {
            KafkaUnavailableException failure = e instanceof KafkaUnavailableException unavailable ? unavailable
                    : new KafkaUnavailableException("the Kafka transaction failed: " + e, e);
            batch.forEach(pending -> pending.outcome.completeExceptionally(failure));
            int waiting = failQueued("Kafka failed while the write waited for its turn: " + failure.getMessage());
            LOG.warn("event=group_commit_failed requests={} records={} waitingFailed={}", batch.size(), records.size(), waiting);
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        transactionsCommitted.incrementAndGet();
        requestsCommitted.addAndGet(batch.size());
        batch.forEach(pending -> pending.outcome.complete(null));
        LOG.debug("event=group_commit requests={} records={}", batch.size(), records.size());
    }

    /** Fails every queued request that no transaction took; they are then never written. Returns how many. */
    private int failQueued(String reason) {
        lock.lock();
        try {
            KafkaUnavailableException failure = new KafkaUnavailableException(reason, null);
            int failed = 0;
            for (Pending<R> pending : queue) {
                if (pending.take()) {
                    pending.outcome.completeExceptionally(failure);
                    failed++;
                }
            }
            queue.clear();
            return failed;
        } finally {
            lock.unlock();
        }
    }

    private void shutDown(String reason) {
        lock.lock();
        try {
            closed = true;
            failQueued(reason);
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new requests, fails the queued ones, lets the transaction in flight finish (within {@code maxWait})
     * and stops the writer thread.
     */
    void close(Duration maxWait) {
        shutDown("event writer is closed (shutting down)");
        try {
            writer.join(Math.max(1, maxWait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("event=group_commit_close_timeout waitedMs={}", maxWait.toMillis());
        }
    }

    @Override
    public void close() {
        close(timeout.multipliedBy(2));
    }

    private enum State { QUEUED, TAKEN, CANCELLED }

    /** One request's records and its answer. TAKEN and CANCELLED are final: exactly one of writer and caller wins. */
    private static final class Pending<R> {
        final List<R> records;
        final long bytes;
        final CompletableFuture<Void> outcome = new CompletableFuture<>();
        private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);

        Pending(List<R> records, long bytes) {
            this.records = records;
            this.bytes = bytes;
        }

        boolean isQueued() {
            return state.get() == State.QUEUED;
        }

        /** By the writer: from now on the outcome is the transaction's. */
        boolean take() {
            return state.compareAndSet(State.QUEUED, State.TAKEN);
        }

        /** By the caller giving up: from now on no transaction will carry it. */
        boolean cancel() {
            return state.compareAndSet(State.QUEUED, State.CANCELLED);
        }
    }
}

package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching and answering rules of group commit, with an in-memory transaction in place of Kafka: the first
 * transaction is held open (a latch) so the test decides exactly which requests queue behind it.
 */
class GroupCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstTransactionMayEnd = new CountDownLatch(1);
    private final CountDownLatch firstTransactionStarted = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private GroupCommit<String> groupCommit;

    @AfterEach
    void stop() {
        firstTransactionMayEnd.countDown();
        if (groupCommit != null) {
            groupCommit.close();
        }
        callers.shutdownNow();
    }

    /** Commits into {@link #committed}; the first transaction waits for {@link #firstTransactionMayEnd}. */
    private void holdingFirstTransaction(GroupCommit.Limits limits, Duration timeout) {
        groupCommit = GroupCommit.start("test-writer", records -> {
            if (firstTransactionStarted.getCount() > 0) {
                firstTransactionStarted.countDown();
                awaitLatch(firstTransactionMayEnd);
            }
            committed.add(List.copyOf(records));
        }, limits, timeout);
    }

    @Test
    void requestsThatArriveDuringATransactionShareTheNextOne() throws Exception {
        holdingFirstTransaction(new GroupCommit.Limits(500, 1 << 20), TIMEOUT);
        Future<?> first = submit(List.of("a1", "a2"));
        firstTransactionStarted.await(5, TimeUnit.SECONDS);
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(submit(List.of("r" + i + "-1", "r" + i + "-2")));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> groupCommit.queued() == 5);

        firstTransactionMayEnd.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<?> answer : queued) {
            answer.get(5, TimeUnit.SECONDS);
        }

        assertThat(committed).hasSize(2);
        assertThat(committed.get(0)).containsExactly("a1", "a2");
        assertThat(committed.get(1)).hasSize(10);
        // a request's records stay together, in its own order
        for (int i = 0; i < 5; i++) {
            int at = committed.get(1).indexOf("r" + i + "-1");
            assertThat(committed.get(1).get(at + 1)).isEqualTo("r" + i + "-2");
        }
        assertThat(groupCommit.transactionsCommitted()).isEqualTo(2);
        assertThat(groupCommit.requestsCommitted()).isEqualTo(6);
    }

    @Test
    void aTransactionTakesWholeRequestsUpToTheRecordLimitAndAnOversizedRequestGoesAlone() throws Exception {
        holdingFirstTransaction(new GroupCommit.Limits(4, 1 << 20), TIMEOUT);
        Future<?> first = submit(List.of("first"));
        firstTransactionStarted.await(5, TimeUnit.SECONDS);
        List<Future<?>> answers = new ArrayList<>();
        answers.add(submit(List.of("a1", "a2", "a3")));
        await().until(() -> groupCommit.queued() == 1);
        answers.add(submit(List.of("b1", "b2"))); // would make 5 > 4: next transaction
        await().until(() -> groupCommit.queued() == 2);
        answers.add(submit(List.of("c1", "c2", "c3", "c4", "c5", "c6"))); // above the limit on its own: alone, whole
        await().until(() -> groupCommit.queued() == 3);

        firstTransactionMayEnd.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<?> answer : answers) {
            answer.get(5, TimeUnit.SECONDS);
        }

        assertThat(committed).containsExactly(List.of("first"), List.of("a1", "a2", "a3"), List.of("b1", "b2"),
                List.of("c1", "c2", "c3", "c4", "c5", "c6"));
    }

    @Test
    void aTransactionTakesWholeRequestsUpToTheByteLimit() throws Exception {
        holdingFirstTransaction(new GroupCommit.Limits(500, 100), TIMEOUT);
        Future<?> first = submit(List.of("first"), 1);
        firstTransactionStarted.await(5, TimeUnit.SECONDS);
        Future<?> a = submit(List.of("a"), 60);
        await().until(() -> groupCommit.queued() == 1);
        Future<?> b = submit(List.of("b"), 60);
        await().until(() -> groupCommit.queued() == 2);

        firstTransactionMayEnd.countDown();
        for (Future<?> answer : List.of(first, a, b)) {
            answer.get(5, TimeUnit.SECONDS);
        }

        assertThat(committed).containsExactly(List.of("first"), List.of("a"), List.of("b"));
    }

    @Test
    void aFailedTransactionFailsTheRequestsItCarriedAndThoseWaitingButNotLaterOnes() throws Exception {
        List<List<String>> attempted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch failNow = new CountDownLatch(1);
        groupCommit = GroupCommit.start("test-writer", records -> {
            attempted.add(List.copyOf(records));
            if (records.contains("doomed")) {
                awaitLatch(failNow);
                throw new KafkaUnavailableException("broker gone", null);
            }
        }, new GroupCommit.Limits(500, 1 << 20), TIMEOUT);
        Future<?> doomed = submit(List.of("doomed"));
        await().until(() -> attempted.size() == 1);
        Future<?> waiting = submit(List.of("waiting"));
        await().until(() -> groupCommit.queued() == 1);

        failNow.countDown();

        assertThatThrownBy(() -> doomed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("broker gone");
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("waited for its turn");
        assertThat(attempted).containsExactly(List.of("doomed")); // the waiting one was never written
        submit(List.of("later")).get(5, TimeUnit.SECONDS);
        assertThat(attempted).containsExactly(List.of("doomed"), List.of("later"));
        assertThat(groupCommit.transactionsCommitted()).isEqualTo(1);
    }

    @Test
    void aRequestStillQueuedAtItsTimeoutIsAnswered503AndNeverWritten() throws Exception {
        holdingFirstTransaction(new GroupCommit.Limits(500, 1 << 20), Duration.ofSeconds(1));
        Future<?> first = submit(List.of("first"));
        firstTransactionStarted.await(5, TimeUnit.SECONDS);

        Future<?> late = submit(List.of("late"));
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("no Kafka transaction took the write");

        firstTransactionMayEnd.countDown();
        first.get(5, TimeUnit.SECONDS); // taken before its timeout: answered by its (slow) transaction, not 503
        submit(List.of("after")).get(5, TimeUnit.SECONDS);
        assertThat(committed).containsExactly(List.of("first"), List.of("after"));
    }

    @Test
    void aRequestTakenByASlowTransactionGetsThatTransactionsOutcomeAfterItsTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        groupCommit = GroupCommit.start("test-writer", records -> {
            // a commit slower than the caller's timeout but within the producer's bounds (1.5 x timeout)
            awaitLatch(new CountDownLatch(1), Duration.ofMillis(1500));
            committed.add(List.copyOf(records));
        }, new GroupCommit.Limits(500, 1 << 20), timeout);

        submit(List.of("slow")).get(5, TimeUnit.SECONDS); // no exception: 202, and it is written

        assertThat(committed).containsExactly(List.of("slow"));
    }

    @Test
    void closeFailsQueuedRequestsFinishesTheTransactionInFlightAndRefusesNewOnes() throws Exception {
        holdingFirstTransaction(new GroupCommit.Limits(500, 1 << 20), TIMEOUT);
        Future<?> inFlight = submit(List.of("in-flight"));
        firstTransactionStarted.await(5, TimeUnit.SECONDS);
        Future<?> queued = submit(List.of("queued"));
        await().until(() -> groupCommit.queued() == 1);

        Future<?> closing = callers.submit(() -> groupCommit.close());
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("closed");
        firstTransactionMayEnd.countDown();
        inFlight.get(5, TimeUnit.SECONDS);
        closing.get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> groupCommit.commit(List.of("new"), 1)).isInstanceOf(KafkaUnavailableException.class);
        assertThat(committed).containsExactly(List.of("in-flight"));
    }

    private Future<?> submit(List<String> records) {
        return submit(records, records.size());
    }

    private Future<?> submit(List<String> records, long bytes) {
        return callers.submit(() -> groupCommit.commit(records, bytes));
    }

    private static void awaitLatch(CountDownLatch latch) {
        awaitLatch(latch, Duration.ofSeconds(10));
    }

    private static void awaitLatch(CountDownLatch latch, Duration atMost) {
        try {
            latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

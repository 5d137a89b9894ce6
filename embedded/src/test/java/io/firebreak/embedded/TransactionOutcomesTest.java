package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.HangingTransactions.OpenTransaction;
import io.firebreak.embedded.TransactionOutcomes.Decided;
import io.firebreak.embedded.TransactionOutcomes.Outcome;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.coordinator.transaction.TransactionState;
import org.junit.jupiter.api.Test;

class TransactionOutcomesTest {

    private static final TopicPartition SEQUENCES = new TopicPartition("firebreak-correlation-incident-sequences-changelog", 0);
    private static final TopicPartition OTHER = new TopicPartition("firebreak.incidents.v1", 3);
    /** Open on the partition at epoch 18: its own prepare record, under transaction version 2, carries epoch 19. */
    private static final OpenTransaction OPEN = new OpenTransaction(SEQUENCES, 7, 18, 2, 132);

    @Test
    void aTransactionItsCoordinatorPreparedToCommitIsRolledForwardWithTheBumpedEpoch() {
        List<Decided> log = List.of(
                decided(7, 18, TransactionState.PREPARE_COMMIT, SEQUENCES, OTHER), // the transaction before, at epoch 17
                decided(7, 19, TransactionState.PREPARE_COMMIT, SEQUENCES, OTHER),
                decided(7, 20, TransactionState.PREPARE_ABORT, SEQUENCES));          // the transaction after

        assertThat(TransactionOutcomes.outcome(OPEN, log)).contains(new Outcome(true, 7, (short) 19, (short) 2));
    }

    @Test
    void aTransactionPreparedToAbortIsAbortedWithTheCoordinatorsEpoch() {
        assertThat(TransactionOutcomes.outcome(OPEN, List.of(decided(7, 19, TransactionState.PREPARE_ABORT, SEQUENCES))))
                .contains(new Outcome(false, 7, (short) 19, (short) 2));
    }

    @Test
    void anEarlierTransactionsCommitIsNeverTakenForThisOne() {
        // the crash hit before this transaction was prepared: only the previous one (epoch 17 → 18) is in the log
        assertThat(TransactionOutcomes.outcome(OPEN, List.of(decided(7, 18, TransactionState.PREPARE_COMMIT, SEQUENCES)))).isEmpty();
    }

    @Test
    void aPrepareThatDoesNotNameThePartitionOrIsAnotherProducersDecidesNothing() {
        assertThat(TransactionOutcomes.outcome(OPEN, List.of(
                decided(7, 19, TransactionState.PREPARE_COMMIT, OTHER),
                decided(8, 19, TransactionState.PREPARE_COMMIT, SEQUENCES)))).isEmpty();
    }

    @Test
    void underTransactionVersionOneTransactionsShareAnEpochSoNothingIsRolledForward() {
        List<Decided> log = List.of(new Decided(7, (short) 19, TransactionState.PREPARE_COMMIT, Set.of(SEQUENCES), (short) 1),
                new Decided(7, (short) 18, TransactionState.PREPARE_COMMIT, Set.of(SEQUENCES), (short) 1));

        assertThat(TransactionOutcomes.outcome(OPEN, log)).isEmpty();
    }

    private static Decided decided(long producerId, int epoch, TransactionState state, TopicPartition... partitions) {
        return new Decided(producerId, (short) epoch, state, Set.of(partitions), (short) 2);
    }
}

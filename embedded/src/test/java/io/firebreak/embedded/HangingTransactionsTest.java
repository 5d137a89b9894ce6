package io.firebreak.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.HangingTransactions.CoordinatorView;
import io.firebreak.embedded.HangingTransactions.OpenTransaction;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("firebreak-incidents-changelog", 0);
    private static final TopicPartition OTHER = new TopicPartition("firebreak.incidents.v1", 1);
    private static final OpenTransaction OPEN = new OpenTransaction(CHANGELOG, 7, 18, 2, 132);

    @Test
    void aTransactionItsCoordinatorStillHasOpenOnThePartitionIsLeftAlone() {
        for (TransactionState state : Set.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT,
                TransactionState.PREPARE_EPOCH_FENCE)) {
            assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(7, 18, state, Set.of(CHANGELOG, OTHER)))))
                    .as(state.toString()).isFalse();
        }
        // transaction version 2 bumps the epoch when it ends: the markers of epoch 18 go out with 19
        assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(7, 19, TransactionState.PREPARE_COMMIT, Set.of(CHANGELOG)))))
                .isFalse();
    }

    @Test
    void theCrashCaseTheCoordinatorEndedTheTransactionWithoutThisPartitionHangs() {
        // what CrashRecoveryIT found before the guard: coordinator Empty at epoch 21, partition open at epoch 18
        assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(7, 21, TransactionState.EMPTY, Set.of())))).isTrue();
        assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(7, 19, TransactionState.COMPLETE_COMMIT, Set.of()))))
                .isTrue();
    }

    @Test
    void anOpenTransactionWithoutThisPartitionOrOfALaterEpochDoesNotCover() {
        assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(7, 18, TransactionState.ONGOING, Set.of(OTHER))))).isTrue();
        assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(7, 25, TransactionState.ONGOING, Set.of(CHANGELOG)))))
                .isTrue();
    }

    @Test
    void aProducerIdTheCoordinatorNoLongerKnowsHangs() {
        assertThat(HangingTransactions.hanging(OPEN, Optional.empty())).isTrue();
        assertThat(HangingTransactions.hanging(OPEN, Optional.of(new CoordinatorView(8, 18, TransactionState.ONGOING, Set.of(CHANGELOG)))))
                .isTrue();
    }
}

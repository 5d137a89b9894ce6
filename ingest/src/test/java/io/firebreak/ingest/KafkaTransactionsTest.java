package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The transaction retry rule, with Kafka's MockProducer standing in for the broker's answers. */
class KafkaTransactionsTest {

    private final List<MockProducer<String, byte[]>> created = new ArrayList<>();
    private final List<ProducerRecord<String, byte[]>> records = List.of(new ProducerRecord<>("firebreak.signals.v1", "c1", new byte[] {1}));

    private KafkaTransactions transactions(Deque<RuntimeException> commitFailures) {
        return new KafkaTransactions(() -> {
            MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
            producer.commitTransactionException = commitFailures.poll();
            created.add(producer);
            return producer;
        }, "test-tx", Duration.ofSeconds(1));
    }

    @Test
    void aCommitTheBrokerRefusedIsRetriedOnceOnAFreshProducerAndSucceeds() {
        KafkaTransactions transactions = transactions(new ArrayDeque<>(List.of(new InvalidTxnStateException("COMPLETE_COMMIT"))));

        transactions.commit(records);

        assertThat(created).hasSize(2);
        assertThat(created.get(1).history()).hasSize(1);
        assertThat(created.get(1).transactionCommitted()).isTrue();
    }

    @Test
    void aSecondRefusalFailsTheRequestAsUnavailable() {
        KafkaTransactions transactions = transactions(new ArrayDeque<>(List.of(new InvalidTxnStateException("one"), new InvalidTxnStateException("two"))));

        assertThatThrownBy(() -> transactions.commit(records)).isInstanceOf(KafkaUnavailableException.class);
        assertThat(created).hasSize(2);
    }

    @Test
    void aTimedOutCommitIsNotRetriedBecauseItMayHaveCommitted() {
        KafkaTransactions transactions = transactions(new ArrayDeque<>(List.of(new TimeoutException("commit timed out"))));

        assertThatThrownBy(() -> transactions.commit(records)).isInstanceOf(KafkaUnavailableException.class);
        assertThat(created).as("no second producer, no second attempt").hasSize(1);
    }
}

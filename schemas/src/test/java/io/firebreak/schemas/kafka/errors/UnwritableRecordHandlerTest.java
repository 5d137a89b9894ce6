package io.firebreak.schemas.kafka.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.schemas.registry.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class UnwritableRecordHandlerTest {

    private final RecordFailures failures = new RecordFailures();
    private final UnwritableRecordHandler handler = new UnwritableRecordHandler();
    private final ProducerRecord<byte[], byte[]> incident = new ProducerRecord<>("firebreak.incidents.v1",
            bytes("oci-fra-1.20261128.0001"), new byte[2_000_000]);

    UnwritableRecordHandlerTest() {
        handler.configure(Map.of(RecordFailures.CONFIG, failures));
    }

    @Test
    void aRecordKafkaRefusesForWhatItIsIsCountedAndDroppedSoTheTaskGoesOn() {
        assertThat(handler.handleError(context(), incident, new RecordTooLargeException("too large")).result()).isEqualTo(Result.RESUME);
        assertThat(handler.handleError(context(), incident, new RecordTooLargeException("too large")).result()).isEqualTo(Result.RESUME);

        assertThat(failures.snapshot()).containsExactly(Map.entry(
                new RecordFailures.Cause(RecordFailures.Stage.PRODUCTION, "firebreak.incidents.v1", "RecordTooLargeException"), 2L));
    }

    @Test
    void errorsThatMustAbortTheTransactionFailAndAreNotCountedAsDropped() {
        for (Exception fatal : new Exception[] {new ProducerFencedException("fenced"), new InvalidProducerEpochException("epoch"),
                new AuthorizationException("denied"), new TransactionAbortedException("aborted"), new UnknownServerException("?")}) {
            assertThat(handler.handleError(context(), incident, fatal).result()).as(fatal.getClass().getSimpleName()).isEqualTo(Result.FAIL);
        }
        assertThat(failures.snapshot()).isEmpty();
    }

    @Test
    void retriableErrorsAreRetriedFromTheLastCommitNotDropped() {
        assertThat(handler.handleError(context(), incident, new TimeoutException("slow broker")).result()).isEqualTo(Result.RETRY);
        assertThat(handler.handleError(context(), incident, new NotEnoughReplicasException("isr")).result()).isEqualTo(Result.RETRY);
        assertThat(failures.snapshot()).isEmpty();
    }

    @Test
    void aValueTheSizeGuardRefusesIsDroppedAtSerializationButAnUnreachableRegistryFails() {
        ProducerRecord<String, String> record = new ProducerRecord<>("firebreak.notify.slack.v1", "oci-fra-1.20261128.0001", "card");
        assertThat(handler.handleSerializationError(context(), record, new RecordTooLargeException("bound"), SerializationExceptionOrigin.VALUE)
                .result()).isEqualTo(Result.RESUME);
        assertThat(handler.handleSerializationError(context(), record,
                new SerializationException("cannot register", new SchemaRegistryUnavailableException("refused", 0, null)),
                SerializationExceptionOrigin.VALUE).result()).isEqualTo(Result.FAIL);

        assertThat(failures.total(RecordFailures.Stage.PRODUCTION)).isEqualTo(1);
    }

    @Test
    void theSizeGuardRefusesOnlyValuesAboveItsBound() {
        var guarded = SizeGuard.bounded(new StringSerializer(), 10);
        assertThat(guarded.serialize("t", "0123456789")).hasSize(10);
        assertThatThrownBy(() -> guarded.serialize("t", new RecordHeaders(), "0123456789A"))
                .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("11 bytes for topic t exceeds the bound of 10 bytes");
    }

    @Test
    void eachCauseIsNewOnlyOnceSoItIsLoggedOnce() {
        var cause = new RecordFailures.Cause(RecordFailures.Stage.PROCESSING, "firebreak.signals.v1", "IllegalStateException");
        assertThat(failures.record(cause)).isTrue();
        assertThat(failures.record(cause)).isFalse();
        assertThat(failures.record(new RecordFailures.Cause(RecordFailures.Stage.PROCESSING, "firebreak.actions.v1", "IllegalStateException"))).isTrue();
    }

    private static ErrorHandlerContext context() {
        return new SourceContext("firebreak.signals.v1", 0, 42L, bytes("oci-fra-1"), new byte[] {0, 0, 0, 0, 1});
    }

    /** The context of a task processing one source record. */
    record SourceContext(String topic, int partition, long offset, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "incidents";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0L;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.firebreak.schemas.kafka.errors;

import io.firebreak.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an output record Kafka cannot take: one oversize incident must cost that one record, not every
 * cluster's paging. A record the broker or producer rejects <em>for what it is</em> (too large, invalid, not
 * serializable) is counted, logged once per cause with its context (topic, key, size, reason; never the payload),
 * dropped, and processing resumes.
 *
 * <p>Everything else keeps Kafka Streams' default: a retriable error (timeout, not enough replicas) is retried
 * from the last commit (RETRY), and any other error fails the task so the transaction aborts. That matters under
 * exactly_once_v2: fencing, authorization and transaction-state errors must abort — Kafka Streams does not even
 * offer those to this handler, and they would fail here too — and a schema registry that is only unreachable
 * must not turn a valid page into a dropped one.
 *
 * <p>Under exactly_once_v2 the answer to {@link #handleError} cannot save the task: by the time the producer reports a
 * rejected record, the transaction is already in an abortable error state and the commit fails whatever this answers
 * (verified on the embedded broker). RESUME there is right for at_least_once and harmless otherwise. What keeps an
 * exactly-once task going is {@link SizeGuard}: it refuses an oversize value while serializing, which Kafka Streams
 * reports to {@link #handleSerializationError} before anything reaches the producer.
 */
public final class UnwritableRecordHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnwritableRecordHandler.class);

    /** Errors that are about the record itself, so resending it can never succeed. */
    private static final List<Class<? extends Exception>> RECORD_ERRORS = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, CorruptRecordException.class,
            InvalidTimestampException.class, SerializationException.class);

    private RecordFailures failures = new RecordFailures();

    @Override
    public void configure(Map<String, ?> configs) {
        failures = RecordFailures.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (RECORD_ERRORS.stream().noneMatch(type -> type.isInstance(exception))) {
            LOG.error("event=record_write_failed topic={} key={} reason={} action=fail_task", record.topic(),
                    DeadLetters.printableKey(record.key()), RecordFailures.reasonOf(exception));
            return Response.fail();
        }
        // the callback of an asynchronous send: the context is whatever record the task processes now, not the source
        return drop(record.topic(), DeadLetters.printableKey(record.key()), size(record), "", exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (SchemaRegistryException.unreachableIn(exception)) {
            LOG.error("event=record_write_failed topic={} reason={} action=fail_task cause=\"schema registry unreachable\"",
                    record.topic(), RecordFailures.reasonOf(exception));
            return Response.fail();
        }
        String key = record.key() instanceof byte[] bytes ? DeadLetters.printableKey(bytes) : String.valueOf(record.key());
        return drop(record.topic(), key, -1, " source_topic=" + context.topic() + " source_partition=" + context.partition()
                + " source_offset=" + context.offset(), exception);
    }

    private Response drop(String topic, String key, long size, String source, Exception exception) {
        RecordFailures.Cause cause = new RecordFailures.Cause(RecordFailures.Stage.PRODUCTION, topic, RecordFailures.reasonOf(exception));
        if (failures.record(cause)) {
            LOG.error("event=record_unwritable topic={} key={} size_bytes={} reason={}{} action=dropped detail=\"{}\" "
                            + "note=\"logged once per topic and reason; counted in firebreak_streams_unwritable_records_total\"",
                    topic, key.length() > 200 ? key.substring(0, 200) + "…" : key, size, cause.reason(), source, exception.getMessage());
        } else {
            LOG.debug("event=record_unwritable topic={} reason={} action=dropped", topic, cause.reason());
        }
        // The input is not parked here, unlike in the other handlers: Kafka Streams sends a production handler's
        // dead-letter records from the producer's I/O thread (the failed send's callback), and when the dead-letter
        // topic's metadata is not cached yet, that send waits for metadata the blocked I/O thread itself would fetch:
        // measured on the embedded broker, a 60 s stall (max.block.ms), then a corrupted task and a failed commit.
        return Response.resume();
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}

package io.firebreak.schemas.kafka.errors;

import io.firebreak.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws (a bug meeting unusual input) is counted, logged once per cause and parked on the
 * dead-letter topic with its bytes and the reason; processing resumes with the next record. The alternative — the
 * thread dies, is replaced, meets the same record again — would stall every incident of the clusters that thread
 * owns, forever: one parked signal is the lesser harm, and it can be replayed once fixed.
 *
 * <p>A schema registry that is only unreachable is not the record's fault (a store write serializes through it):
 * that fails the task, which resumes from the last commit once the registry answers.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private RecordFailures failures = new RecordFailures();
    private DeadLetters deadLetters = DeadLetters.from(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        failures = RecordFailures.from(configs);
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (SchemaRegistryException.unreachableIn(exception)) {
            LOG.error("event=record_processing_failed topic={} partition={} offset={} processor={} action=fail_task "
                    + "cause=\"schema registry unreachable\"", context.topic(), context.partition(), context.offset(), context.processorNodeId());
            return Response.fail();
        }
        RecordFailures.Cause cause = new RecordFailures.Cause(RecordFailures.Stage.PROCESSING, context.topic(), RecordFailures.reasonOf(exception));
        if (failures.record(cause)) {
            // the stack trace once: it is what a fix needs; the count is in firebreak_streams_dead_lettered_records_total
            LOG.error("event=record_unprocessable topic={} partition={} offset={} key={} processor={} reason={} action=dead_lettered "
                            + "dlq={} note=\"logged once per topic and reason\"", context.topic(), context.partition(), context.offset(),
                    DeadLetters.printableKey(context.sourceRawKey()), context.processorNodeId(), cause.reason(),
                    deadLetters.topic().orElse("none"), exception);
        } else {
            LOG.debug("event=record_unprocessable topic={} partition={} offset={} reason={} action=dead_lettered",
                    context.topic(), context.partition(), context.offset(), cause.reason());
        }
        return Response.resume(deadLetters.park(RecordFailures.Stage.PROCESSING, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), context.topic(), context.partition(), context.offset(), context.timestamp(), exception));
    }
}

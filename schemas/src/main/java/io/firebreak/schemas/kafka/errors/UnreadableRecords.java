package io.firebreak.schemas.kafka.errors;

import io.firebreak.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision behind every deserialization handler of firebreak's streams applications: an input that can never be
 * read is counted, logged once per cause and parked on the dead-letter topic; a registry that is only unreachable
 * fails the task (retried from the last commit) instead, since the record itself is fine.
 */
public final class UnreadableRecords {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRecords.class);

    private final RecordFailures failures;
    private final DeadLetters deadLetters;

    private UnreadableRecords(RecordFailures failures, DeadLetters deadLetters) {
        this.failures = failures;
        this.deadLetters = deadLetters;
    }

    public static UnreadableRecords from(Map<String, ?> configs) {
        return new UnreadableRecords(RecordFailures.from(configs), DeadLetters.from(configs));
    }

    public Response handle(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (SchemaRegistryException.unreachableIn(exception)) {
            LOG.error("event=record_unreadable_retry topic={} partition={} offset={} reason={} action=fail_task",
                    record.topic(), record.partition(), record.offset(), exception.toString());
            return Response.fail();
        }
        RecordFailures.Cause cause = new RecordFailures.Cause(RecordFailures.Stage.DESERIALIZATION, record.topic(),
                RecordFailures.reasonOf(exception));
        if (failures.record(cause)) {
            LOG.error("event=record_unreadable topic={} partition={} offset={} key={} size_bytes={} reason={} detail=\"{}\" "
                            + "action=dead_lettered dlq={} note=\"logged once per topic and reason\"",
                    record.topic(), record.partition(), record.offset(), DeadLetters.printableKey(record.key()),
                    record.serializedValueSize(), cause.reason(), exception.getMessage(), deadLetters.topic().orElse("none"));
        } else {
            LOG.debug("event=record_unreadable topic={} partition={} offset={} reason={} action=dead_lettered",
                    record.topic(), record.partition(), record.offset(), cause.reason());
        }
        return Response.resume(deadLetters.park(RecordFailures.Stage.DESERIALIZATION, record.key(), record.value(), record.headers(),
                record.topic(), record.partition(), record.offset(), record.timestamp(), exception));
    }
}

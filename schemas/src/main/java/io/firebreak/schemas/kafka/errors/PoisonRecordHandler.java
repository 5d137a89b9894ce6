package io.firebreak.schemas.kafka.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Parks records that can never be read (not Avro, wrong magic byte, unknown schema) on the dead-letter topic, counted
 * and logged once per cause, so one poison message cannot stall a cluster's incidents; but fails on a registry that
 * is merely unreachable: parking then would drop a valid alert. The failed thread restarts from the last committed
 * offset (exactly_once_v2), when the app's uncaught-exception handler replaces it.
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

    private UnreadableRecords unreadable = UnreadableRecords.from(Map.of());

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return unreadable.handle(record, exception);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        unreadable = UnreadableRecords.from(configs);
    }
}

package io.firebreak.streams;

import io.firebreak.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips records that can never be read (not Avro, wrong magic byte, unknown schema) so one poison message
 * cannot stall a cluster's incidents, but fails on a registry that is merely unreachable: skipping then
 * would drop a valid alert. The failed thread restarts from the last committed offset (exactly_once_v2),
 * when the app's uncaught-exception handler replaces it.
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (isTransient(exception)) {
            LOG.error("event=signal_unreadable_retry topic={} partition={} offset={} reason={}",
                    record.topic(), record.partition(), record.offset(), exception.toString());
            return Response.fail();
        }
        LOG.error("event=poison_record_skipped topic={} partition={} offset={} key={} reason={}",
                record.topic(), record.partition(), record.offset(), keyOf(record), exception.toString());
        return Response.resume();
    }

    static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registryError && registryError.retryable()) {
                return true;
            }
        }
        return false;
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "null" : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}

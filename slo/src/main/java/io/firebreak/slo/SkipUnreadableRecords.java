package io.firebreak.slo;

import io.firebreak.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips log records that can never be read (not Avro, unknown schema) so one bad line cannot stop every SLO, but
 * fails on a registry that is only unreachable: skipping then would silently lose SLI events.
 */
public final class SkipUnreadableRecords implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SkipUnreadableRecords.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registryError && registryError.retryable()) {
                LOG.error("event=sli_record_unreadable_retry topic={} partition={} offset={} reason={}",
                        record.topic(), record.partition(), record.offset(), exception.toString());
                return Response.fail();
            }
        }
        LOG.error("event=sli_record_skipped topic={} partition={} offset={} key={} reason={}", record.topic(), record.partition(),
                record.offset(), record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8), exception.toString());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}

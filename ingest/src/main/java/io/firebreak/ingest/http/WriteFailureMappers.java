package io.firebreak.ingest.http;

import io.firebreak.ingest.EventTooLargeException;
import io.firebreak.ingest.KafkaUnavailableException;
import io.firebreak.schemas.registry.SchemaRegistryException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failures of the Kafka write → 503 + Retry-After when retrying can help, so the sender keeps the events. */
public final class WriteFailureMappers {

    private static final Logger LOG = LoggerFactory.getLogger(WriteFailureMappers.class);

    private WriteFailureMappers() {
    }

    public static final class KafkaUnavailable implements ExceptionMapper<KafkaUnavailableException> {

        private final Duration retryAfter;

        public KafkaUnavailable(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        @Override
        public Response toResponse(KafkaUnavailableException exception) {
            return ErrorResponses.unavailable("kafka_unavailable",
                    "Kafka did not acknowledge the events; nothing was written, retry later", retryAfter);
        }
    }

    public static final class SchemaRegistryFailure implements ExceptionMapper<SchemaRegistryException> {

        private final Duration retryAfter;

        public SchemaRegistryFailure(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        @Override
        public Response toResponse(SchemaRegistryException exception) {
            if (exception.retryable()) {
                LOG.warn("event=schema_registry_unavailable status={} message=\"{}\"", exception.httpStatus(), exception.getMessage());
                return ErrorResponses.unavailable("schema_registry_unavailable",
                        "the Schema Registry is unavailable; nothing was written, retry later", retryAfter);
            }
            // A refused schema is a deployment fault, not the sender's: 5xx keeps Alertmanager retrying until fixed.
            LOG.error("event=schema_rejected status={} code={} message=\"{}\"", exception.httpStatus(), exception.errorCode(),
                    exception.getMessage(), exception);
            return ErrorResponses.of(500, "schema_rejected", "the Schema Registry refused the event schema; this is logged");
        }
    }

    public static final class EventTooLarge implements ExceptionMapper<EventTooLargeException> {

        @Override
        public Response toResponse(EventTooLargeException exception) {
            return ErrorResponses.of(413, "event_too_large", exception.getMessage());
        }
    }
}

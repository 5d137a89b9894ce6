package io.firebreak.schemas.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A consumer's way past a record it cannot deserialize: poll would throw on it forever and stall its partition. */
final class PoisonRecords {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonRecords.class);

    private PoisonRecords() {
    }

    static void skip(Consumer<?, ?> consumer, RecordDeserializationException e) {
        LOG.error("event=record_unreadable topic={} partition={} offset={} error=\"{}\" action=skipped", e.topicPartition().topic(),
                e.topicPartition().partition(), e.offset(), e.getCause() == null ? e.getMessage() : e.getCause().toString());
        consumer.seek(e.topicPartition(), e.offset() + 1);
    }
}

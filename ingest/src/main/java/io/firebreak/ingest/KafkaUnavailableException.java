package io.firebreak.ingest;

/** Kafka did not commit a write in time. Nothing of the write is visible to read_committed consumers. */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

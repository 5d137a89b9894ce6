package io.firebreak.ingest;

/**
 * Kafka did not commit a write in time: retry it. The write is all-or-nothing, and almost always nothing; only when
 * a commit's outcome is not known in time may it be all (see {@link GroupCommit}), which the deterministic event ids
 * and the pipeline's dedup make harmless.
 */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.firebreak.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code ingest:} configuration (DESIGN §12), checked at start-up so a bad value fails fast.
 *
 * @param tokens         accepted bearer tokens; several so a token can be rotated without downtime
 * @param maxBodyBytes   larger bodies get 413
 * @param kafkaTimeout   how long a write may wait for Kafka before the request gets 503
 * @param defaultCluster cluster of alerts without a {@code cluster} label
 */
public record IngestSettings(List<String> tokens, long maxBodyBytes, Duration kafkaTimeout, String defaultCluster) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(5);

    public IngestSettings {
        Objects.requireNonNull(tokens, "ingest.tokens");
        tokens = List.copyOf(tokens);
        // Fail closed: an empty token (e.g. an unset ${FIREBREAK_INGEST_TOKEN}) would match "Bearer " with nothing after it.
        if (tokens.isEmpty() || tokens.stream().anyMatch(token -> token == null || token.isBlank())) {
            throw new IllegalArgumentException("ingest.tokens must hold at least one token and no empty ones");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("ingest.maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        if (kafkaTimeout == null || kafkaTimeout.isZero() || kafkaTimeout.isNegative()) {
            throw new IllegalArgumentException("ingest.kafkaTimeout must be positive, got " + kafkaTimeout);
        }
        if (defaultCluster == null || defaultCluster.isBlank()) {
            throw new IllegalArgumentException("ingest.defaultCluster must not be empty");
        }
    }

    /** Never print the tokens, e.g. when the configuration is logged. */
    @Override
    public String toString() {
        return "IngestSettings[tokens=<" + tokens.size() + " redacted>, maxBodyBytes=" + maxBodyBytes
                + ", kafkaTimeout=" + kafkaTimeout + ", defaultCluster=" + defaultCluster + "]";
    }
}

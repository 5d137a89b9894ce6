package io.firebreak.ingest.api;

import java.util.List;

/**
 * The answer to {@code POST /v1/logs}: how many lines became LogRecords (all committed to Kafka), how many were
 * refused, and why (the first {@code errors} of them, by 1-based line number; {@code rejected} counts them all).
 */
public record LogsAccepted(int accepted, int rejected, List<LineError> errors) {

    public LogsAccepted {
        errors = List.copyOf(errors);
    }

    public record LineError(int line, String reason) {
    }
}

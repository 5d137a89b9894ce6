package io.firebreak.ingest.api;

import java.util.List;

/** 400 for a {@code POST /v1/logs} body without a single usable line: the usual error plus every line's reason. */
public record LogsRejected(String error, String detail, int accepted, int rejected, List<LogsAccepted.LineError> errors)
        implements ErrorCoded {

    public LogsRejected {
        errors = List.copyOf(errors);
    }
}

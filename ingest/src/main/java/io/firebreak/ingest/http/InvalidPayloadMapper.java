package io.firebreak.ingest.http;

import io.firebreak.ingest.core.InvalidPayloadException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Valid JSON that breaks the contract → 400 (or the breach's own 4xx, e.g. 413) with the mapper's code and detail. */
public final class InvalidPayloadMapper implements ExceptionMapper<InvalidPayloadException> {

    @Override
    public Response toResponse(InvalidPayloadException exception) {
        return ErrorResponses.of(exception.status(), exception.error(), exception.getMessage());
    }
}

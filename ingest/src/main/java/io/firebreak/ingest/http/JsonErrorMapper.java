package io.firebreak.ingest.http;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bodies that are not the JSON we expect → 400 {@code malformed_json}. Jackson failures that are our bug
 * (a type it cannot handle, a response it cannot write) stay 500s, logged.
 */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (exception instanceof InvalidDefinitionException || exception instanceof JsonGenerationException) {
            LOG.error("event=json_server_error message=\"{}\"", exception.getOriginalMessage(), exception);
            return ErrorResponses.of(500, "internal_error", "the server failed to handle JSON; this is logged");
        }
        if (exception instanceof StreamConstraintsException || exception.getCause() instanceof StreamConstraintsException) {
            return ErrorResponses.of(400, "json_limit_exceeded", describe(exception));
        }
        return ErrorResponses.of(400, "malformed_json", describe(exception));
    }

    /** Jackson's message without the echoed source snippet, plus where the parser stopped. */
    public static String describe(JsonProcessingException exception) {
        String message = exception.getOriginalMessage();
        if (message != null) {
            int newline = message.indexOf('\n');
            message = newline < 0 ? message : message.substring(0, newline);
        }
        JsonLocation location = exception.getLocation();
        return location == null ? message : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}

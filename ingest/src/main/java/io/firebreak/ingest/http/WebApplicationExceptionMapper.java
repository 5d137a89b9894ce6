package io.firebreak.ingest.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/**
 * Jersey's own answers (404, 405, 406, 415, ...) as JSON errors instead of Dropwizard's default body. A
 * response that already carries an entity (built by our filters or another module) is passed through.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Map<Integer, String> CODES = Map.of(
            400, "bad_request", 401, "unauthorized", 403, "forbidden", 404, "not_found",
            405, "method_not_allowed", 406, "not_acceptable", 409, "conflict",
            413, "payload_too_large", 415, "unsupported_media_type");

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        String detail = status >= 500 ? "the server could not answer this request" : exception.getMessage();
        // Keep the original headers: Allow on 405, WWW-Authenticate on 401.
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new io.firebreak.ingest.api.ErrorBody(CODES.getOrDefault(status, "http_" + status), detail))
                .build();
    }
}

package io.firebreak.app.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The JSON error every API answer uses: {@code {"error": "...", "detail": "..."}}. */
final class ApiError {

    private ApiError() {
    }

    static Response of(Response.Status status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "detail", detail)).build();
    }
}

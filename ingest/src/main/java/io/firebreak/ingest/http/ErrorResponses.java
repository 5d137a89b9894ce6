package io.firebreak.ingest.http;

import io.firebreak.ingest.api.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Builds the JSON error answers every mapper and filter returns, so they all look alike. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(int status, String error, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, detail)).build();
    }

    /** 503 with {@code Retry-After}: Alertmanager (and most senders) retry 5xx, so nothing is lost. */
    public static Response unavailable(String error, String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", Long.toString(seconds))
                .entity(new ErrorBody(error, detail))
                .build();
    }
}

package io.firebreak.ingest.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A body without {@code Content-Type} → 415. Jersey already refuses a wrong type per endpoint ({@code @Consumes}), but
 * treats a missing one as "anything", and then guessing what the bytes are is how input gets misread.
 */
@IngestEndpoint
@Priority(Priorities.HEADER_DECORATOR)
public final class ContentTypeFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            request.abortWith(ErrorResponses.of(415, "unsupported_media_type",
                    "send a Content-Type header (application/json; application/x-ndjson for /v1/logs; "
                            + "application/x-www-form-urlencoded for Slack)"));
        }
    }
}

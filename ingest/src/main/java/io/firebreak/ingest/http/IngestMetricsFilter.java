package io.firebreak.ingest.http;

import io.firebreak.ingest.api.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.Map;

/**
 * Counts every answer of the ingest endpoints, rejected ones by their error code. Global rather than
 * name-bound on purpose: Jersey answers 405/415 before a resource method is matched, and those must be
 * counted too. Paths not in the map (other modules' resources) are ignored, which keeps cardinality fixed.
 */
public final class IngestMetricsFilter implements ContainerResponseFilter {

    private final Map<String, EndpointMetrics> byPath;

    /** @param byPath endpoint metrics by request path without leading slash, e.g. {@code v1/alertmanager} */
    public IngestMetricsFilter(Map<String, EndpointMetrics> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        EndpointMetrics metrics = byPath.get(path.startsWith("/") ? path.substring(1) : path);
        if (metrics == null) {
            return;
        }
        metrics.received();
        if (response.getStatus() >= 400) {
            metrics.rejected(response.getEntity() instanceof ErrorBody error ? error.error() : "http_" + response.getStatus());
        }
    }
}

package io.firebreak.ingest.http;

import io.firebreak.ingest.api.ErrorCoded;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Counts every answer of the ingest endpoints, rejected ones by their error code. Global rather than
 * name-bound on purpose: Jersey answers 405/415 before a resource method is matched, and those must be
 * counted too. Paths not in the map (other modules' resources) are ignored, which keeps cardinality fixed.
 */
public final class IngestMetricsFilter implements ContainerResponseFilter {

    private final Map<Pattern, EndpointMetrics> byPath = new LinkedHashMap<>();

    /**
     * @param byPath endpoint metrics by request path without leading slash, e.g. {@code v1/alertmanager}; a segment
     *               {@code {id}} matches any one path segment, e.g. {@code v1/incidents/{id}/actions}
     */
    public IngestMetricsFilter(Map<String, EndpointMetrics> byPath) {
        byPath.forEach((path, metrics) -> this.byPath.put(
                Pattern.compile(Pattern.quote(path).replace("{id}", "\\E[^/]+\\Q")), metrics));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        Optional<EndpointMetrics> endpoint = metricsFor(path.startsWith("/") ? path.substring(1) : path);
        if (endpoint.isEmpty()) {
            return;
        }
        EndpointMetrics metrics = endpoint.get();
        metrics.received();
        if (response.getStatus() >= 400) {
            metrics.rejected(response.getEntity() instanceof ErrorCoded error ? error.error() : "http_" + response.getStatus());
        }
    }

    private Optional<EndpointMetrics> metricsFor(String path) {
        return byPath.entrySet().stream().filter(entry -> entry.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst();
    }
}

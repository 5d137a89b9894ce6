package io.firebreak.app.metrics;

import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /metrics} in the Prometheus text format, on the application port so a Prometheus (or a global one
 * federating with {@code match[]={__name__=~"coroot_.*|slo_.*|alert_.*"}}) scrapes firebreak like any target.
 */
@RequiresScope(Scope.READ)
@Path("/metrics")
public final class MetricsResource {

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsResource(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response scrape() {
        StreamingOutput body = out -> writer.write(out, registry.scrape());
        return Response.ok(body, writer.getContentType()).build();
    }
}

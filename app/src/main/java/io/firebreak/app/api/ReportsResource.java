package io.firebreak.app.api;

import io.firebreak.app.view.IncidentView;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.postmortem.report.MttxReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code GET /v1/reports/mttx?since=}: MTTD / MTTA / MTTM / MTTR over every postmortem since an instant. */
@RequiresScope(Scope.READ)
@Path("/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public final class ReportsResource {

    private final IncidentView view;

    public ReportsResource(IncidentView view) {
        this.view = view;
    }

    @GET
    @Path("/mttx")
    public Response mttx(@QueryParam("since") String since) {
        Optional<Instant> from;
        try {
            from = since == null || since.isBlank() ? Optional.empty() : Optional.of(Instant.parse(since.trim()));
        } catch (DateTimeParseException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, "invalid since", "since must be an ISO-8601 instant like 2026-11-01T00:00:00Z");
        }
        return Response.ok(MttxReport.ofSamples(view.mttxSamples(), from)).build();
    }
}

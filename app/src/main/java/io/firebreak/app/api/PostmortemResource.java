package io.firebreak.app.api;

import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.postmortem.render.IncidentChart;
import io.firebreak.postmortem.render.JsonRenderer;
import io.firebreak.postmortem.render.MarkdownRenderer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /v1/incidents/{id}/postmortem} (Markdown or JSON) and the chart its Markdown shows,
 * {@code GET /v1/incidents/{id}/postmortem.svg}, from the read model.
 */
@RequiresScope(Scope.READ)
@Path("/v1/incidents")
public final class PostmortemResource {

    static final String MARKDOWN = "text/markdown";
    static final String SVG = "image/svg+xml";
    /** The chart's route relative to the Markdown's: a relative link in the Markdown resolves to it, wherever the API is mounted. */
    static final String CHART = "postmortem.svg";

    private final Function<String, Optional<Incident>> incidents;
    private final Function<String, Optional<Postmortem>> postmortems;
    private final MarkdownRenderer markdown;
    private final JsonRenderer json;

    public PostmortemResource(Function<String, Optional<Incident>> incidents, Function<String, Optional<Postmortem>> postmortems,
                              MarkdownRenderer markdown, JsonRenderer json) {
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.markdown = markdown;
        this.json = json;
    }

    @GET
    @Path("/{id}/postmortem")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
    public Response postmortem(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(id, postmortem -> {
            // a browser opening the link asks for text/html: it gets the Markdown as text, not JSON
            if (accept != null && (accept.toLowerCase(Locale.ROOT).contains(MARKDOWN) || accept.toLowerCase(Locale.ROOT).contains(MediaType.TEXT_HTML))) {
                return Response.ok(markdown.render(postmortem, CHART), MARKDOWN + "; charset=utf-8").build();
            }
            return Response.ok(json.tree(postmortem).toString(), MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Path("/{id}/" + CHART)
    @Produces({SVG, MediaType.APPLICATION_JSON})
    public Response chart(@PathParam("id") String id) {
        // every value in the chart is XML-escaped text; the policy keeps a browser from running anything in it all the same
        return answer(id, postmortem -> Response.ok(IncidentChart.render(postmortem), SVG + "; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff").build());
    }

    private Response answer(String id, Function<Postmortem, Response> ok) {
        if (incidents.apply(id).isEmpty()) {
            return IncidentsResource.unknown(id);
        }
        return postmortems.apply(id).map(ok).orElseGet(() -> ApiError.of(Response.Status.NOT_FOUND, "no postmortem yet",
                "incident " + id + " has no postmortem: one is published when the incident is recovered"));
    }
}

package io.firebreak.app.api;

import io.firebreak.app.view.IncidentSummary;
import io.firebreak.app.view.IncidentView;
import io.firebreak.events.SignalStatus;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code GET /v1/incidents[...]}: incidents, their timelines, deliveries and signals, from the read model (their postmortems:
 * {@link PostmortemResource}).
 */
@RequiresScope(Scope.READ)
@Path("/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public final class IncidentsResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int DEFAULT_SIGNAL_LIMIT = 500;
    private static final int MAX_SIGNAL_LIMIT = 5000;

    private final IncidentView view;

    public IncidentsResource(IncidentView view) {
        this.view = view;
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("severity") String severity,
                         @QueryParam("cluster") String cluster, @QueryParam("service") String service,
                         @QueryParam("open") Boolean open, @QueryParam("limit") Integer limit) {
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            return ApiError.of(Response.Status.BAD_REQUEST, "invalid limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        Predicate<IncidentSummary> filter = matches("stage", state, i -> i.stage().name())
                .and(matches("severity", severity, i -> i.severity().name()))
                .and(i -> cluster == null || cluster.equals(i.cluster()))
                .and(i -> service == null || i.services().contains(service))
                .and(i -> open == null || open != i.closed());
        // incidents are read from disk: only those of the page
        List<IncidentJson> incidents = view.summariesLatestFirst().stream().filter(filter).limit(max)
                .flatMap(i -> view.incident(i.id()).stream())
                .map(i -> IncidentJson.of(i, view.deliveries(i.getId()))).toList();
        return Response.ok(Map.of("incidents", incidents)).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return view.incident(id)
                .map(i -> Response.ok(IncidentJson.of(i, view.deliveries(id))).build())
                .orElseGet(() -> unknown(id));
    }

    /**
     * {@code GET /v1/incidents/{id}/signals[?status=&limit=&cursor=]}: every signal of the incident, in fingerprint
     * order, a page at a time; {@code next} is the cursor of the following page, null on the last.
     */
    @GET
    @Path("/{id}/signals")
    public Response signals(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") Integer limit,
                            @QueryParam("cursor") String cursor) {
        if (view.incident(id).isEmpty()) {
            return unknown(id);
        }
        int max = limit == null ? DEFAULT_SIGNAL_LIMIT : limit;
        if (max < 1 || max > MAX_SIGNAL_LIMIT) {
            return ApiError.of(Response.Status.BAD_REQUEST, "invalid limit", "limit must be between 1 and " + MAX_SIGNAL_LIMIT);
        }
        Optional<SignalStatus> wanted = Optional.empty();
        if (status != null && !status.isBlank()) {
            try {
                wanted = Optional.of(SignalStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return ApiError.of(Response.Status.BAD_REQUEST, "invalid status", "status must be firing or resolved");
            }
        }
        IncidentView.SignalPage page = view.signals(id, wanted, max, Optional.ofNullable(cursor).filter(c -> !c.isEmpty()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signals", page.signals().stream().map(IncidentJson::signal).toList());
        body.put("next", page.next().orElse(null));
        return Response.ok(body).build();
    }

    /** The 404 for an id the read model does not know, for this resource and {@link PostmortemResource}. */
    static Response unknown(String id) {
        return ApiError.of(Response.Status.NOT_FOUND, "unknown incident", "no incident with id '" + id + "'");
    }

    private static Predicate<IncidentSummary> matches(String name, String wanted, Function<IncidentSummary, String> field) {
        if (wanted == null || wanted.isBlank()) {
            return i -> true;
        }
        String upper = wanted.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return i -> field.apply(i).equals(upper);
    }
}

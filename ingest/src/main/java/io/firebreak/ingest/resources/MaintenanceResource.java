package io.firebreak.ingest.resources;

import io.firebreak.events.MaintenanceWindow;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.MaintenanceLookup;
import io.firebreak.ingest.api.MaintenanceJson;
import io.firebreak.ingest.api.MaintenanceRequest;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.MaintenanceWindowMapper;
import io.firebreak.ingest.http.ErrorResponses;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance windows (DESIGN §4): {@code POST /v1/maintenance} → 201 {@code {"id"}} once Kafka committed the window on
 * {@code firebreak.maintenance.v1} (key: its id); {@code GET} lists the windows not deleted; {@code DELETE
 * /v1/maintenance/{id}} writes the window again marked deleted (200), 404 for an unknown id. Creating and deleting need
 * the {@code actions} scope, listing {@code read}.
 */
@Path("/v1/maintenance")
@Produces(MediaType.APPLICATION_JSON)
public final class MaintenanceResource {

    public static final String PATH = "v1/maintenance";
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceResource.class);

    private final MaintenanceWindowMapper mapper;
    private final MaintenanceLookup windows;
    private final Intake intake;
    private final Clock clock;

    public MaintenanceResource(MaintenanceWindowMapper mapper, MaintenanceLookup windows, Intake intake, Clock clock) {
        this.mapper = mapper;
        this.windows = windows;
        this.intake = intake;
        this.clock = clock;
    }

    /** Only the write with a body takes ingest's body filters (Content-Type, size, rate); a GET or DELETE has none to check. */
    @POST
    @IngestEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.ACTIONS)
    public Response create(@Context SecurityContext caller, InputStream body) throws IOException {
        MaintenanceRequest request = intake.bodies().parse(body, MaintenanceRequest.class);
        String actor = caller.getUserPrincipal().getName();
        MaintenanceWindow window = mapper.map(UUID.randomUUID().toString(), request, actor, "api");
        intake.write(List.of(new EventRecord<>(Topics.MAINTENANCE, window.getId(), window)));
        LOG.info("event=maintenance_window_created id={} name=\"{}\" matchers={} actor=\"{}\"", window.getId(),
                window.getName().replace("\"", "'"), window.getMatchers(), actor.replace("\"", "'"));
        return Response.status(201).entity(Map.of("id", window.getId())).build();
    }

    @GET
    @RequiresScope(Scope.READ)
    public MaintenanceJson.Listing list() {
        Instant now = clock.instant();
        return new MaintenanceJson.Listing(windows.all().stream()
                .filter(window -> window.getDeletedAt() == null)
                .sorted(Comparator.comparing(MaintenanceWindow::getCreatedAt))
                .map(window -> MaintenanceJson.of(window, now))
                .toList());
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(Scope.ACTIONS)
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        Optional<MaintenanceWindow> window = windows.find(id).filter(found -> found.getDeletedAt() == null);
        if (window.isEmpty()) {
            return ErrorResponses.of(404, "unknown_maintenance_window", "no maintenance window " + id);
        }
        String actor = caller.getUserPrincipal().getName();
        intake.write(List.of(new EventRecord<>(Topics.MAINTENANCE, id, mapper.deleted(window.get(), actor))));
        LOG.info("event=maintenance_window_deleted id={} actor=\"{}\"", id, actor.replace("\"", "'"));
        return Response.ok(Map.of("id", id, "deleted", true)).build();
    }
}

package io.firebreak.ingest.resources;

import io.firebreak.core.command.CommandRules;
import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.IncidentLookup;
import io.firebreak.ingest.api.ActionRequest;
import io.firebreak.ingest.api.CommandAccepted;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.ActionCommandMapper;
import io.firebreak.ingest.core.EventIds;
import io.firebreak.ingest.core.Text;
import io.firebreak.ingest.http.ErrorResponses;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.schemas.CoreTypes;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/incidents/{id}/actions}: a person's or SOAR's lifecycle action → a LifecycleCommand on
 * {@code firebreak.actions.v1}, keyed by the cluster the incident id carries. 202 with the command id; 404 for an id
 * that is not (or, with a read model, no longer) an incident; 409 with the reason when the action does not fit the
 * incident's state. An {@code Idempotency-Key} header makes a retried request the same command.
 */
@Path("/v1/incidents/{id}/actions")
@IngestEndpoint
@RequiresScope(Scope.ACTIONS)
public final class IncidentActionsResource {

    public static final String PATH = "v1/incidents/{id}/actions";
    static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;
    private static final java.time.Duration RETRY_LOOKUP = java.time.Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(IncidentActionsResource.class);

    private final ActionCommandMapper mapper;
    private final IncidentLookup incidents;
    private final Intake intake;

    public IncidentActionsResource(ActionCommandMapper mapper, IncidentLookup incidents, Intake intake) {
        this.mapper = mapper;
        this.incidents = incidents;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response act(@PathParam("id") String incidentId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                        @Context SecurityContext caller, InputStream body)
            throws IOException {
        ActionRequest request = intake.bodies().parse(body, ActionRequest.class);
        Optional<String> cluster = IncidentIds.clusterOf(incidentId);
        if (cluster.isEmpty()) {
            return ErrorResponses.of(404, "unknown_incident", "'" + Text.abbreviate(incidentId, 80)
                    + "' is not an incident id (<cluster>.<yyyyMMdd>.<sequence>)");
        }
        if (idempotencyKey != null && idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_CHARS) {
            return ErrorResponses.of(400, "invalid_payload", "Idempotency-Key is longer than " + MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        String commandId = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString() : EventIds.of("action", incidentId, idempotencyKey.trim());
        LifecycleCommand command = mapper.map(incidentId, cluster.get(), request, commandId, caller.getUserPrincipal().getName());

        if (incidents != IncidentLookup.NONE) {
            Optional<Incident> incident;
            try {
                incident = incidents.find(incidentId);
            } catch (RuntimeException e) {
                // e.g. the streams store is rebalancing: the caller can retry shortly, and nothing was written
                LOG.warn("event=incident_lookup_failed incident={} error={}", incidentId, e.getClass().getSimpleName());
                return ErrorResponses.unavailable("incident_store_unavailable", "the incident state is not readable right now; retry",
                        RETRY_LOOKUP);
            }
            if (incident.isEmpty()) {
                return ErrorResponses.of(404, "unknown_incident", "no incident " + incidentId);
            }
            // the topology asks the same rules and decides for good; this read model may lag it by a moment
            Optional<String> conflict = CommandRules.rejection(CoreTypes.command(command), CoreTypes.facts(incident.get()));
            if (conflict.isPresent()) {
                return ErrorResponses.of(409, "conflict", conflict.get());
            }
        }
        intake.write(List.of(new EventRecord<>(Topics.ACTIONS, command.getCluster(), command)));
        LOG.info("event=lifecycle_command origin=api incident={} action={} actor=\"{}\" commandId={}", incidentId, command.getAction(),
                command.getActor().replace("\"", "'"), commandId);
        return Response.accepted(CommandAccepted.written(commandId, incidentId, command.getAction().name())).build();
    }
}

package io.firebreak.ingest.resources;

import io.firebreak.events.ChangeEvent;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.api.Accepted;
import io.firebreak.ingest.api.ChangeRequest;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.ChangeEventMapper;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/changes}: a deployment, config change or flag flip (body: {@link ChangeRequest}) → one
 * ChangeEvent on {@code firebreak.changes.v1}, keyed by cluster, answered 202 after Kafka committed it.
 */
@Path("/v1/changes")
@IngestEndpoint
@RequiresScope(Scope.INGEST)
public final class ChangesResource {

    public static final String PATH = "v1/changes";
    private static final Logger LOG = LoggerFactory.getLogger(ChangesResource.class);

    private final ChangeEventMapper mapper;
    private final Intake intake;

    public ChangesResource(ChangeEventMapper mapper, Intake intake) {
        this.mapper = mapper;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body) throws IOException {
        ChangeEvent change = mapper.map(intake.bodies().parse(body, ChangeRequest.class));
        intake.write(List.of(new EventRecord<>(Topics.CHANGES, change.getCluster(), change)));
        LOG.info("event=change_received id={} cluster={} service={} kind={} version={}",
                change.getId(), change.getCluster(), change.getService(), change.getKind(), change.getVersion());
        return Response.accepted(new Accepted(1, List.of(change.getId()))).build();
    }
}

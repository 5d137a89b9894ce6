package io.firebreak.ingest.resources;

import io.firebreak.events.ChangeEvent;
import io.firebreak.ingest.api.ChangeRequest;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.ChangeEventMapper;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/changes}: a deployment, config change or flag flip (body: {@link ChangeRequest}) → one
 * ChangeEvent on {@code firebreak.changes.v1}, keyed by cluster, answered 202 after Kafka committed it.
 */
@Path("/v1/changes")
@IngestEndpoint
@RequiresScope(Scope.INGEST)
public final class ChangesResource extends EventWebhook<ChangeEvent> {

    public static final String PATH = "v1/changes";
    private static final Logger LOG = LoggerFactory.getLogger(ChangesResource.class);

    private final ChangeEventMapper mapper;

    public ChangesResource(ChangeEventMapper mapper, Intake intake) {
        super(intake);
        this.mapper = mapper;
    }

    @Override
    ChangeEvent read(InputStream body) throws IOException {
        return mapper.map(intake.bodies().parse(body, ChangeRequest.class));
    }

    @Override
    EventBatch events(ChangeEvent change) {
        return new EventBatch().add(Topics.CHANGES, change.getCluster(), change, change.getId());
    }

    @Override
    void logWritten(ChangeEvent change, EventBatch events) {
        LOG.info("event=change_received id={} cluster={} service={} kind={} version={}",
                change.getId(), change.getCluster(), change.getService(), change.getKind(), change.getVersion());
    }
}

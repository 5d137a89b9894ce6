package io.firebreak.ingest.resources;

import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.api.Accepted;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.coroot.CorootEvents;
import io.firebreak.ingest.coroot.CorootMapper;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/coroot}: a Coroot webhook (contracts/coroot-webhook.md) → a Signal plus, when Coroot sent its RCA,
 * an RcaReport, both in one transaction so the correlation never sees the RCA without its signal; or a ChangeEvent
 * for a deployment. Everything keyed by cluster. Coroot re-sends incident notifications until it gets a 2xx.
 */
@Path("/v1/coroot")
@IngestEndpoint
@RequiresScope(Scope.INGEST)
public final class CorootResource {

    public static final String PATH = "v1/coroot";
    private static final Logger LOG = LoggerFactory.getLogger(CorootResource.class);

    private final CorootMapper mapper;
    private final Intake intake;

    public CorootResource(CorootMapper mapper, Intake intake) {
        this.mapper = mapper;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body) throws IOException {
        CorootEvents events = mapper.map(intake.bodies().tree(body.readAllBytes()));
        String cluster = events.cluster();
        List<EventRecord<?>> records = new ArrayList<>(2);
        List<String> ids = new ArrayList<>(2);
        events.signal().ifPresent(signal -> {
            records.add(new EventRecord<>(Topics.SIGNALS, cluster, signal));
            ids.add(signal.getId());
        });
        events.rca().ifPresent(rca -> {
            records.add(new EventRecord<>(Topics.RCA, cluster, rca));
            ids.add(rca.getId());
        });
        events.change().ifPresent(change -> {
            records.add(new EventRecord<>(Topics.CHANGES, cluster, change));
            ids.add(change.getId());
        });
        intake.write(records);
        LOG.info("event=coroot_received cluster={} service={} fingerprint={} status={} rca={} change={}", cluster,
                events.signal().map(Signal::getService).or(() -> events.change().map(change -> change.getService())).orElse(""),
                events.signal().map(Signal::getFingerprint).orElse(""), events.signal().map(Signal::getStatus).orElse(null),
                events.rca().map(RcaReport::getCandidates).map(List::size).orElse(0), events.change().isPresent());
        return Response.accepted(new Accepted(records.size(), ids)).build();
    }
}

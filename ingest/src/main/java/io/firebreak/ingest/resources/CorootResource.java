package io.firebreak.ingest.resources;

import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.coroot.CorootEvents;
import io.firebreak.ingest.coroot.CorootMapper;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
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
public final class CorootResource extends EventWebhook<CorootEvents> {

    public static final String PATH = "v1/coroot";
    private static final Logger LOG = LoggerFactory.getLogger(CorootResource.class);

    private final CorootMapper mapper;

    public CorootResource(CorootMapper mapper, Intake intake) {
        super(intake);
        this.mapper = mapper;
    }

    @Override
    CorootEvents read(InputStream body) throws IOException {
        return mapper.map(intake.bodies().tree(body.readAllBytes()));
    }

    @Override
    EventBatch events(CorootEvents coroot) {
        String cluster = coroot.cluster();
        EventBatch events = new EventBatch();
        coroot.signal().ifPresent(signal -> events.add(Topics.SIGNALS, cluster, signal, signal.getId()));
        coroot.rca().ifPresent(rca -> events.add(Topics.RCA, cluster, rca, rca.getId()));
        coroot.change().ifPresent(change -> events.add(Topics.CHANGES, cluster, change, change.getId()));
        return events;
    }

    @Override
    void logWritten(CorootEvents coroot, EventBatch events) {
        LOG.info("event=coroot_received cluster={} service={} fingerprint={} status={} rca={} change={}", coroot.cluster(),
                coroot.signal().map(Signal::getService).or(() -> coroot.change().map(change -> change.getService())).orElse(""),
                coroot.signal().map(Signal::getFingerprint).orElse(""), coroot.signal().map(Signal::getStatus).orElse(null),
                coroot.rca().map(RcaReport::getCandidates).map(List::size).orElse(0), coroot.change().isPresent());
    }
}

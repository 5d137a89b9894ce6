package io.firebreak.ingest.resources;

import io.firebreak.events.Signal;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.api.Accepted;
import io.firebreak.ingest.api.AlertmanagerPayload;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.AlertmanagerSignalMapper;
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
 * {@code POST /v1/alertmanager}: an Alertmanager webhook → one Signal per alert on {@code firebreak.signals.v1},
 * keyed by cluster. Answers 202 only after Kafka committed every Signal (Alertmanager retries anything else
 * that is 5xx, so an alert is never acknowledged and lost).
 */
@Path("/v1/alertmanager")
@IngestEndpoint
@RequiresScope(Scope.INGEST)
public final class AlertmanagerResource {

    public static final String PATH = "v1/alertmanager";
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerResource.class);

    private final AlertmanagerSignalMapper mapper;
    private final Intake intake;

    public AlertmanagerResource(AlertmanagerSignalMapper mapper, Intake intake) {
        this.mapper = mapper;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(InputStream body) throws IOException {
        AlertmanagerPayload payload = intake.bodies().parse(body, AlertmanagerPayload.class);
        List<Signal> signals = mapper.map(payload);
        reportTruncation(payload);
        List<EventRecord<Signal>> records = signals.stream()
                .map(signal -> new EventRecord<>(Topics.SIGNALS, signal.getCluster(), signal))
                .toList();
        intake.write(records);
        LOG.info("event=alertmanager_received receiver={} groupKey=\"{}\" signals={}", payload.receiver(), quoted(payload.groupKey()), records.size());
        return Response.accepted(new Accepted(records.size(), signals.stream().map(Signal::getId).toList())).build();
    }

    /** Group keys are full of quotes; escape them so the key=value log line stays parseable. */
    private static String quoted(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void reportTruncation(AlertmanagerPayload payload) {
        Integer truncated = payload.truncatedAlerts();
        if (truncated != null && truncated > 0) {
            // Alertmanager dropped these before sending (max_alerts): they never reach us, so say so loudly.
            intake.metrics().truncatedAlerts(truncated);
            LOG.warn("event=alertmanager_alerts_truncated receiver={} groupKey=\"{}\" truncatedAlerts={} hint=\"raise max_alerts\"",
                    payload.receiver(), quoted(payload.groupKey()), truncated);
        }
    }
}

package io.firebreak.ingest.resources;

import io.firebreak.ingest.api.AlertmanagerPayload;
import io.firebreak.ingest.auth.RequiresScope;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.ingest.core.AlertmanagerSignalMapper;
import io.firebreak.ingest.http.IngestEndpoint;
import io.firebreak.schemas.Topics;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
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
public final class AlertmanagerResource extends EventWebhook<AlertmanagerPayload> {

    public static final String PATH = "v1/alertmanager";
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerResource.class);

    private final AlertmanagerSignalMapper mapper;

    public AlertmanagerResource(AlertmanagerSignalMapper mapper, Intake intake) {
        super(intake);
        this.mapper = mapper;
    }

    @Override
    AlertmanagerPayload read(InputStream body) throws IOException {
        return intake.bodies().parse(body, AlertmanagerPayload.class);
    }

    @Override
    EventBatch events(AlertmanagerPayload payload) {
        EventBatch events = new EventBatch();
        mapper.map(payload).forEach(signal -> events.add(Topics.SIGNALS, signal.getCluster(), signal, signal.getId()));
        reportTruncation(payload);
        return events;
    }

    @Override
    void logWritten(AlertmanagerPayload payload, EventBatch events) {
        LOG.info("event=alertmanager_received receiver={} groupKey=\"{}\" signals={}", payload.receiver(), quoted(payload.groupKey()), events.size());
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

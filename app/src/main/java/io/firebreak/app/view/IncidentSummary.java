package io.firebreak.app.view;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import java.time.Instant;
import java.util.List;

/**
 * What the read model keeps on the heap of every incident in its history: enough to list, filter and count incidents
 * (the API's list, {@code alert_incidents_open}) without reading the closed ones from disk.
 */
public record IncidentSummary(String id, String cluster, Severity severity, Stage stage, List<String> services,
                              Instant updatedAt, boolean closed, long version) {

    public IncidentSummary {
        services = List.copyOf(services);
    }

    static IncidentSummary of(Incident incident) {
        return new IncidentSummary(incident.getId(), incident.getCluster(), incident.getSeverity(), incident.getStage(),
                incident.getServices(), incident.getUpdatedAt(), incident.getClosed(), incident.getVersion());
    }
}

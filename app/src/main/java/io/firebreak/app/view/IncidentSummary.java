package io.firebreak.app.view;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.events.TriggerDelivery;
import java.time.Instant;
import java.util.List;

/**
 * What the read model keeps on the heap of every incident in its history (the incident itself is on disk): enough to
 * list, filter and count incidents (the API's list, {@code alert_incidents_open}) and to watch pages that wait for
 * their receiver ({@code firebreak_page_pending_seconds}) without reading the disk at every scrape.
 *
 * @param triggers the incident's first notifications and their acceptance, while it is open and not recovered (a
 *                 handful: one per receiver); empty after, when no page of it is anybody's emergency any more
 */
public record IncidentSummary(String id, String cluster, Severity severity, Stage stage, List<String> services,
                              Instant updatedAt, boolean closed, boolean recovered, long version, List<TriggerDelivery> triggers) {

    public IncidentSummary {
        services = List.copyOf(services);
        triggers = List.copyOf(triggers);
    }

    static IncidentSummary of(Incident incident) {
        boolean recovered = incident.getRecoveredAt() != null;
        return new IncidentSummary(incident.getId(), incident.getCluster(), incident.getSeverity(), incident.getStage(),
                incident.getServices(), incident.getUpdatedAt(), incident.getClosed(), recovered, incident.getVersion(),
                incident.getClosed() || recovered ? List.of() : incident.getTriggers());
    }
}

package io.firebreak.streams.query;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import java.util.Optional;

/** The filters of {@code GET /v1/incidents?state=&severity=&cluster=&service=}; empty = any. */
public record IncidentFilter(Optional<Stage> stage, Optional<Severity> severity, Optional<String> cluster, Optional<String> service) {

    public static IncidentFilter any() {
        return new IncidentFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean test(Incident incident) {
        return stage.map(s -> s == incident.getStage()).orElse(true)
                && severity.map(s -> s == incident.getSeverity()).orElse(true)
                && cluster.map(c -> c.equals(incident.getCluster())).orElse(true)
                && service.map(s -> incident.getServices().contains(s)).orElse(true);
    }
}

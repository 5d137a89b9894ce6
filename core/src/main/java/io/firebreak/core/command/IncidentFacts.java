package io.firebreak.core.command;

import io.firebreak.core.incident.Stage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command rules need to know of an incident.
 *
 * @param closed resolved or postmortem published: only notes and action items still fit
 * @param actionItems how many action items the incident holds
 */
public record IncidentFacts(Stage stage, boolean closed, Optional<Instant> acknowledgedAt, Optional<Instant> mitigatedAt,
                            Optional<Instant> resolvedAt, int actionItems) {

    public IncidentFacts {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
        Objects.requireNonNull(mitigatedAt, "mitigatedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    /** Neither recovered nor closed: new signals join it and commands like mitigate fit. */
    public boolean active() {
        return !closed && !stage.isOver();
    }
}

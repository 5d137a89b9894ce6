package io.firebreak.postmortem;

import io.firebreak.events.Incident;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * When each runbook milestone of an incident happened; empty when it never did (a LOW incident is never
 * paged, so never acknowledged). The incident's own timestamp fields win; for stage milestones the first
 * transition entry of the timeline stands in when the field is missing (older incident records).
 */
public record Milestones(Instant firstSignal, Optional<Instant> alertFired, Optional<Instant> paged, Optional<Instant> acknowledged,
                         Optional<Instant> mitigated, Optional<Instant> recovered, Optional<Instant> resolved) {

    public static Milestones of(Incident incident) {
        Instant firstSignal = Optional.ofNullable(incident.getFirstSignalAt())
                .or(() -> firstTransition(incident, Stage.SIGNAL_DETECTED))
                .orElse(incident.getOpenedAt());
        return new Milestones(firstSignal,
                field(incident.getAlertFiredAt()).or(() -> firstTransition(incident, Stage.ALERT_FIRED)),
                // entered when the receiver accepted the page, not when routing decided it
                firstTransition(incident, Stage.PAGED),
                field(incident.getAcknowledgedAt()),
                field(incident.getMitigatedAt()).or(() -> firstTransition(incident, Stage.MITIGATED)),
                field(incident.getRecoveredAt()).or(() -> firstTransition(incident, Stage.RECOVERED)),
                field(incident.getResolvedAt()));
    }

    /** The end of the impact: recovery (service restored), else resolution; empty while it lasts. */
    public Optional<Instant> impactEnd() {
        return recovered.or(() -> resolved);
    }

    private static Optional<Instant> field(Instant value) {
        return Optional.ofNullable(value);
    }

    private static Optional<Instant> firstTransition(Incident incident, Stage stage) {
        return incident.getTimeline().stream()
                .filter(entry -> entry.getStage() == stage && "transition".equals(entry.getKind()))
                .map(TimelineEntry::getAt)
                .min(Comparator.naturalOrder());
    }
}

package io.firebreak.schemas;

import io.firebreak.core.command.CommandFacts;
import io.firebreak.core.command.CommandKind;
import io.firebreak.core.command.IncidentFacts;
import io.firebreak.core.maintenance.CronSchedule;
import io.firebreak.core.maintenance.MaintenanceWindow;
import io.firebreak.core.maintenance.Recurrence;
import io.firebreak.core.routing.Matcher;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The edge between the Avro events and the core's plain types: the enums share their names (and their order, which
 * ranks severities and stages; {@code CoreTypesTest} checks both), so each is translated by name.
 */
public final class CoreTypes {

    private CoreTypes() {
    }

    public static io.firebreak.core.incident.Stage stage(io.firebreak.events.Stage stage) {
        return io.firebreak.core.incident.Stage.valueOf(stage.name());
    }

    public static io.firebreak.events.Stage stage(io.firebreak.core.incident.Stage stage) {
        return io.firebreak.events.Stage.valueOf(stage.name());
    }

    public static io.firebreak.core.incident.Severity severity(io.firebreak.events.Severity severity) {
        return io.firebreak.core.incident.Severity.valueOf(severity.name());
    }

    public static io.firebreak.events.Severity severity(io.firebreak.core.incident.Severity severity) {
        return io.firebreak.events.Severity.valueOf(severity.name());
    }

    public static CommandKind kind(LifecycleAction action) {
        return CommandKind.valueOf(action.name());
    }

    public static LifecycleAction action(CommandKind kind) {
        return LifecycleAction.valueOf(kind.name());
    }

    public static CommandFacts command(LifecycleCommand command) {
        return CommandFacts.of(kind(command.getAction()), command.getNote());
    }

    public static IncidentFacts facts(Incident incident) {
        return new IncidentFacts(stage(incident.getStage()), incident.getClosed(), Optional.ofNullable(incident.getAcknowledgedAt()),
                Optional.ofNullable(incident.getMitigatedAt()), Optional.ofNullable(incident.getResolvedAt()),
                incident.getActionItems().size());
    }

    /**
     * The window's rules as plain Java; the Avro record was checked when it was written (API or config), so a record
     * that no longer parses is a bug or a hand-written record, and fails with the window's id.
     */
    public static MaintenanceWindow maintenanceWindow(io.firebreak.events.MaintenanceWindow window) {
        try {
            return new MaintenanceWindow(window.getId(), window.getName(), window.getMatchers().stream().map(Matcher::parse).toList(),
                    Optional.ofNullable(window.getStartsAt()), Optional.ofNullable(window.getEndsAt()),
                    Optional.ofNullable(window.getRecurrence()).map(r -> new Recurrence(CronSchedule.parse(r.getCron()),
                            Duration.ofSeconds(r.getDurationSeconds()), ZoneId.of(r.getTimezone()))));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("maintenance window " + window.getId() + ": " + e.getMessage(), e);
        }
    }
}

package io.firebreak.ingest.api;

import io.firebreak.events.MaintenanceWindow;
import io.firebreak.schemas.CoreTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A maintenance window as {@code GET /v1/maintenance} lists it; {@code activeUntil} is set while it holds
 * notifications. Times are RFC 3339 strings, durations like {@code PT2H}.
 */
public record MaintenanceJson(String id, String name, List<String> matchers, String startsAt, String endsAt, RecurrenceJson recurrence,
                              String comment, String createdBy, String createdAt, String source, String activeUntil) {

    public record RecurrenceJson(String cron, String duration, String timezone) {
    }

    /** The list's envelope: {@code {"windows": [...]}}. */
    public record Listing(List<MaintenanceJson> windows) {
    }

    public static MaintenanceJson of(MaintenanceWindow window, Instant now) {
        RecurrenceJson recurrence = window.getRecurrence() == null ? null : new RecurrenceJson(window.getRecurrence().getCron(),
                Duration.ofSeconds(window.getRecurrence().getDurationSeconds()).toString(), window.getRecurrence().getTimezone());
        String activeUntil;
        try {
            activeUntil = CoreTypes.maintenanceWindow(window).activeUntil(now).map(Instant::toString).orElse(null);
        } catch (IllegalArgumentException e) {
            activeUntil = null; // listed as written, so it can be seen and deleted
        }
        return new MaintenanceJson(window.getId(), window.getName(), window.getMatchers(), text(window.getStartsAt()),
                text(window.getEndsAt()), recurrence, window.getComment(), window.getCreatedBy(), text(window.getCreatedAt()),
                window.getSource(), activeUntil);
    }

    private static String text(Instant instant) {
        return Objects.toString(instant, null);
    }
}

package io.firebreak.ingest.api;

import io.firebreak.events.MaintenanceWindow;
import io.firebreak.schemas.CoreTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A maintenance window as {@code GET /v1/maintenance} lists it; {@code activeUntil} is set while it holds
 * notifications, {@code span} is the stretch holding them now or the next one (null when none is ahead). Times are
 * RFC 3339 strings, durations like {@code PT2H}.
 */
public record MaintenanceJson(String id, String name, List<String> matchers, String startsAt, String endsAt, RecurrenceJson recurrence,
                              String comment, String createdBy, String createdAt, String source, String activeUntil, SpanJson span) {

    public record RecurrenceJson(String cron, String duration, String timezone) {
    }

    /** When the window holds notifications, now ({@code active}) or next. */
    public record SpanJson(String from, String until, boolean active) {
    }

    /** The list's envelope: {@code {"windows": [...]}}. */
    public record Listing(List<MaintenanceJson> windows) {
    }

    public static MaintenanceJson of(MaintenanceWindow window, Instant now) {
        RecurrenceJson recurrence = window.getRecurrence() == null ? null : new RecurrenceJson(window.getRecurrence().getCron(),
                Duration.ofSeconds(window.getRecurrence().getDurationSeconds()).toString(), window.getRecurrence().getTimezone());
        String activeUntil = null;
        SpanJson span = null;
        try {
            io.firebreak.core.maintenance.MaintenanceWindow parsed = CoreTypes.maintenanceWindow(window);
            activeUntil = parsed.activeUntil(now).map(Instant::toString).orElse(null);
            span = parsed.currentOrNextSpan(now)
                    .map(next -> new SpanJson(next.from().toString(), next.until().toString(), !next.from().isAfter(now))).orElse(null);
        } catch (IllegalArgumentException e) {
            // listed as written, so it can be seen and deleted
        }
        return new MaintenanceJson(window.getId(), window.getName(), window.getMatchers(), text(window.getStartsAt()),
                text(window.getEndsAt()), recurrence, window.getComment(), window.getCreatedBy(), text(window.getCreatedAt()),
                window.getSource(), activeUntil, span);
    }

    private static String text(Instant instant) {
        return Objects.toString(instant, null);
    }
}

package io.firebreak.ingest.core;

import io.firebreak.events.MaintenanceRecurrence;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.ingest.api.MaintenanceRequest;
import io.firebreak.schemas.CoreTypes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A maintenance window request (API or config) → the MaintenanceWindow event, checked with the same rules the
 * correlation applies ({@link CoreTypes#maintenanceWindow}), so a window the correlation could not read is refused with
 * a 400 instead.
 */
public final class MaintenanceWindowMapper {

    private final Clock clock;

    public MaintenanceWindowMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param source {@code api} or {@code config}
     * @throws InvalidPayloadException naming what is wrong
     */
    public MaintenanceWindow map(String id, MaintenanceRequest request, String actor, String source) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MaintenanceRecurrence recurrence = request.recurrence() == null ? null : recurrence(request.recurrence());
        MaintenanceWindow window = MaintenanceWindow.newBuilder()
                .setId(id)
                .setName(request.name() == null ? "" : request.name().trim())
                .setMatchers(request.matchers() == null ? List.of() : List.copyOf(request.matchers()))
                .setStartsAt(Timestamps.parse("startsAt", request.startsAt()).orElse(recurrence == null ? now : null))
                .setEndsAt(Timestamps.parse("endsAt", request.endsAt()).orElse(null))
                .setRecurrence(recurrence)
                .setComment(request.comment() == null ? "" : request.comment())
                .setCreatedBy(actor)
                .setCreatedAt(now)
                .setSource(source)
                .build();
        try {
            CoreTypes.maintenanceWindow(window);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("invalid_payload", e.getMessage());
        }
        return window;
    }

    /** The window again, marked deleted: the compacted topic keeps who deleted it and when. */
    public MaintenanceWindow deleted(MaintenanceWindow window, String actor) {
        return MaintenanceWindow.newBuilder(window).setDeletedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).setDeletedBy(actor).build();
    }

    private static MaintenanceRecurrence recurrence(MaintenanceRequest.Recurrence recurrence) {
        if (recurrence.cron() == null || recurrence.duration() == null) {
            throw new InvalidPayloadException("invalid_payload", "recurrence needs cron and duration, e.g. {\"cron\": \"0 2 * * SUN\", "
                    + "\"duration\": \"2h\", \"timezone\": \"Europe/Berlin\"}");
        }
        long seconds;
        try {
            seconds = io.dropwizard.util.Duration.parse(recurrence.duration()).toJavaDuration().toSeconds();
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException("invalid_payload", "recurrence duration '" + Text.abbreviate(recurrence.duration(), 40)
                    + "' is not a duration like 90m or 2h");
        }
        String zone = recurrence.timezone() == null || recurrence.timezone().isBlank() ? "UTC" : recurrence.timezone().trim();
        return new MaintenanceRecurrence(recurrence.cron(), seconds, zone);
    }
}

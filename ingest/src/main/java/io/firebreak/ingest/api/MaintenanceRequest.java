package io.firebreak.ingest.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Body of {@code POST /v1/maintenance}:
 * <pre>{@code
 * {"name": "db patching",                              required
 *  "matchers": ["cluster=\"oci-fra-1\"", "service=~\"postgres-.*\""],   required, Alertmanager syntax, all must match
 *  "startsAt": "2026-12-01T22:00:00Z",                 RFC 3339; default: now
 *  "endsAt": "2026-12-01T23:00:00Z",                   required unless a recurrence is given
 *  "recurrence": {"cron": "0 2 * * SUN", "duration": "2h", "timezone": "Europe/Berlin"},
 *  "comment": "CHG-1234"}
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaintenanceRequest(String name, List<String> matchers, String startsAt, String endsAt, Recurrence recurrence,
                                 String comment) {

    /** Every {@code cron} minute in {@code timezone} (default UTC), a window of {@code duration} (e.g. {@code 2h}) opens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recurrence(String cron, String duration, String timezone) {
    }
}

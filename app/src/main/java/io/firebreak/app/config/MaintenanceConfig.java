package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.ingest.api.MaintenanceRequest;
import io.firebreak.ingest.core.InvalidPayloadException;
import io.firebreak.ingest.core.MaintenanceWindowMapper;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One window of {@code maintenance:}; the same fields as {@code POST /v1/maintenance}. Config windows are written to
 * {@code firebreak.maintenance.v1} at start-up under the id {@code config-<name>}, so a restart replaces them.
 */
public class MaintenanceConfig {

    @NotNull
    @JsonProperty
    public String name;

    @NotNull
    @JsonProperty
    public List<String> matchers = new ArrayList<>();

    /** RFC 3339; default: from now on (or, with a recurrence, every occurrence). */
    @JsonProperty
    public String startsAt;

    @JsonProperty
    public String endsAt;

    @JsonProperty
    public RecurrenceConfig recurrence;

    @JsonProperty
    public String comment = "";

    public static class RecurrenceConfig {
        @NotNull
        @JsonProperty
        public String cron;

        @NotNull
        @JsonProperty
        public Duration duration;

        @JsonProperty
        public String timezone = "UTC";
    }

    /** Every configured window as its event; a window the correlation could not read fails start-up naming it. */
    public static List<MaintenanceWindow> windows(List<MaintenanceConfig> configured, Clock clock) {
        MaintenanceWindowMapper mapper = new MaintenanceWindowMapper(clock);
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            MaintenanceConfig window = configured.get(i);
            MaintenanceRequest.Recurrence recurrence = window.recurrence == null ? null
                    : new MaintenanceRequest.Recurrence(window.recurrence.cron, window.recurrence.duration.toString(), window.recurrence.timezone);
            try {
                windows.add(mapper.map(id(window.name), new MaintenanceRequest(window.name, window.matchers, window.startsAt,
                        window.endsAt, recurrence, window.comment), "config", "config"));
            } catch (InvalidPayloadException e) {
                throw new IllegalArgumentException("maintenance[" + i + "] (" + window.name + "): " + e.getMessage(), e);
            }
        }
        return windows;
    }

    static String id(String name) {
        return "config-" + name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}

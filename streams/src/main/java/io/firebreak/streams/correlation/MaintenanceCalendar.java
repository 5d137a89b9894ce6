package io.firebreak.streams.correlation;

import io.firebreak.events.MaintenanceHold;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which maintenance window, if any, holds the notifications of an incident with these label sets at this time (the
 * one ending last when several do). The topology reads the windows from their global store
 * ({@link StoredMaintenanceWindows}); a test hands in plain windows.
 */
interface MaintenanceCalendar {

    MaintenanceCalendar NONE = (labelSets, at) -> Optional.empty();

    Optional<MaintenanceHold> holding(List<Map<String, String>> labelSets, Instant at);
}

package io.firebreak.ingest;

import io.firebreak.events.MaintenanceWindow;
import java.util.List;
import java.util.Optional;

/** The maintenance windows as {@code firebreak.maintenance.v1} holds them now, deleted ones included. */
@FunctionalInterface
public interface MaintenanceLookup {

    /** No reader (tests of other endpoints): no window is known. */
    MaintenanceLookup NONE = List::of;

    List<MaintenanceWindow> all();

    default Optional<MaintenanceWindow> find(String id) {
        return all().stream().filter(window -> window.getId().equals(id)).findFirst();
    }
}

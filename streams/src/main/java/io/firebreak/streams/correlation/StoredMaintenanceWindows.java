package io.firebreak.streams.correlation;

import io.firebreak.core.maintenance.CachedMaintenanceWindow;
import io.firebreak.events.MaintenanceHold;
import io.firebreak.schemas.CoreTypes;
import io.firebreak.streams.state.StoreVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance windows of the global store ({@code firebreak.maintenance.v1}), parsed once per change of the store:
 * every incident change asks, and the windows change a few times a day. Each recurring window remembers its current
 * occurrence and the next start ({@link CachedMaintenanceWindow}), so a question costs one comparison per window.
 */
final class StoredMaintenanceWindows implements MaintenanceCalendar {

    private static final Logger LOG = LoggerFactory.getLogger(StoredMaintenanceWindows.class);

    private final ReadOnlyKeyValueStore<String, io.firebreak.events.MaintenanceWindow> store;
    private final StoreVersion version;
    private long parsedVersion = -1;
    private List<CachedMaintenanceWindow> windows = List.of();

    StoredMaintenanceWindows(ReadOnlyKeyValueStore<String, io.firebreak.events.MaintenanceWindow> store, StoreVersion version) {
        this.store = store;
        this.version = version;
    }

    @Override
    public Optional<MaintenanceHold> holding(List<Map<String, String>> labelSets, Instant at) {
        return windows().stream()
                .filter(cached -> cached.window().matches(labelSets))
                .flatMap(cached -> cached.activeUntil(at)
                        .map(until -> new MaintenanceHold(cached.window().id(), cached.window().name(), until)).stream())
                .max(Comparator.comparing(MaintenanceHold::getUntil));
    }

    private List<CachedMaintenanceWindow> windows() {
        long current = version.current();
        if (current != parsedVersion) {
            List<CachedMaintenanceWindow> parsed = new ArrayList<>();
            try (KeyValueIterator<String, io.firebreak.events.MaintenanceWindow> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, io.firebreak.events.MaintenanceWindow> entry = all.next();
                    if (entry.value.getDeletedAt() != null) {
                        continue;
                    }
                    try {
                        parsed.add(new CachedMaintenanceWindow(CoreTypes.maintenanceWindow(entry.value)));
                    } catch (IllegalArgumentException e) {
                        // checked when written; one bad record must not hold or drop anyone else's pages
                        LOG.warn("event=maintenance_window_unreadable window={} error=\"{}\"", entry.key, e.getMessage());
                    }
                }
            }
            windows = List.copyOf(parsed);
            parsedVersion = current;
        }
        return windows;
    }
}

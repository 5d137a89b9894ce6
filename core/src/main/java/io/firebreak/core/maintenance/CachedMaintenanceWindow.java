package io.firebreak.core.maintenance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A maintenance window that remembers its occurrence: every incident change asks every window whether it holds, so a
 * recurring window finds its latest and next occurrence once and answers from them until time reaches the next
 * start (or goes back before the remembered instant). The same answers as {@link MaintenanceWindow#activeUntil}.
 * Not thread-safe: one per stream thread.
 */
public final class CachedMaintenanceWindow {

    private final MaintenanceWindow window;
    /** The remembered occurrence end holds for instants in [knownFrom, knownUntil): no occurrence starts in between. */
    private Instant knownFrom = Instant.MAX;
    private Instant knownUntil = Instant.MIN;
    /** The end of the latest occurrence started at or before {@code knownFrom}, if it covered {@code knownFrom}. */
    private Optional<Instant> occurrenceUntil = Optional.empty();
    private int lookups;

    public CachedMaintenanceWindow(MaintenanceWindow window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    public MaintenanceWindow window() {
        return window;
    }

    public Optional<Instant> activeUntil(Instant at) {
        if (window.recurrence().isEmpty()) {
            return window.activeUntil(at);
        }
        if (at.isBefore(knownFrom) || !at.isBefore(knownUntil)) {
            remember(window.recurrence().get(), at);
        }
        return window.bounded(at, occurrenceUntil.filter(at::isBefore));
    }

    /** How often the occurrences were looked up: what the cache saves is the difference to the questions asked. */
    int lookups() {
        return lookups;
    }

    private void remember(Recurrence recurrence, Instant at) {
        lookups++;
        occurrenceUntil = recurrence.activeUntil(at);
        Instant horizon = at.plus(Recurrence.LOOK_AHEAD);
        knownFrom = at;
        knownUntil = recurrence.nextStart(at, horizon).orElse(horizon);
    }
}

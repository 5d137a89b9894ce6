package io.firebreak.core.maintenance;

import io.firebreak.core.routing.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A maintenance window: while it is active, incidents whose labels match every matcher are correlated as usual but
 * nobody is notified. Active between {@code startsAt} and {@code endsAt} (either open-ended when absent) and, with a
 * {@code recurrence}, only during its occurrences inside that span.
 */
public record MaintenanceWindow(String id, String name, List<Matcher> matchers, Optional<Instant> startsAt, Optional<Instant> endsAt,
                                Optional<Recurrence> recurrence) {

    public MaintenanceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(recurrence, "recurrence");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a maintenance window needs a name");
        }
        if (matchers.isEmpty()) {
            // a window without matchers would silence every page of every cluster
            throw new IllegalArgumentException("maintenance window '" + name + "' needs at least one matcher, e.g. cluster=\"oci-fra-1\"");
        }
        if (recurrence.isEmpty() && endsAt.isEmpty()) {
            throw new IllegalArgumentException("maintenance window '" + name + "' needs endsAt or a recurrence");
        }
        if (startsAt.isPresent() && endsAt.isPresent() && !endsAt.get().isAfter(startsAt.get())) {
            throw new IllegalArgumentException("maintenance window '" + name + "' ends (" + endsAt.get() + ") before it starts ("
                    + startsAt.get() + ")");
        }
    }

    /** When the window stops holding notifications, if it holds them at {@code at}. */
    public Optional<Instant> activeUntil(Instant at) {
        if (startsAt.filter(at::isBefore).isPresent() || endsAt.filter(end -> !at.isBefore(end)).isPresent()) {
            return Optional.empty();
        }
        if (recurrence.isEmpty()) {
            return endsAt;
        }
        return recurrence.get().activeUntil(at)
                .map(until -> endsAt.filter(until::isAfter).orElse(until));
    }

    /** Whether one of the label sets (an incident has one per service) matches every matcher. */
    public boolean matches(List<Map<String, String>> labelSets) {
        return labelSets.stream().anyMatch(labels -> matchers.stream().allMatch(m -> m.matches(labels)));
    }
}

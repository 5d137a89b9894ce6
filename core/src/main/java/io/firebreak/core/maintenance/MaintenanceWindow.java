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

    /** A stretch of time during which the window holds notifications. */
    public record Span(Instant from, Instant until) {
    }

    /** When the window stops holding notifications, if it holds them at {@code at}. */
    public Optional<Instant> activeUntil(Instant at) {
        return bounded(at, recurrence.isEmpty() ? endsAt : recurrence.get().activeUntil(at));
    }

    /**
     * The window's own bounds applied to the end of the occurrence covering {@code at}: nothing outside
     * {@code startsAt}..{@code endsAt}, and an occurrence is cut at {@code endsAt}.
     */
    Optional<Instant> bounded(Instant at, Optional<Instant> occurrenceUntil) {
        if (startsAt.filter(at::isBefore).isPresent() || endsAt.filter(end -> !at.isBefore(end)).isPresent()) {
            return Optional.empty();
        }
        return occurrenceUntil.map(until -> endsAt.filter(until::isAfter).orElse(until));
    }

    /** The span holding notifications at {@code at}, else the next one (within {@link Recurrence#LOOK_AHEAD}), else none. */
    public Optional<Span> currentOrNextSpan(Instant at) {
        Instant from = startsAt.filter(at::isBefore).orElse(at);
        Optional<Instant> until = activeUntil(from);
        if (until.isPresent()) {
            Instant opened = recurrence.flatMap(r -> r.latestStart(from)).orElse(startsAt.orElse(from));
            return Optional.of(new Span(startsAt.filter(opened::isBefore).orElse(opened), until.get()));
        }
        return recurrence.flatMap(r -> r.nextStart(from, from.plus(Recurrence.LOOK_AHEAD)))
                .flatMap(start -> activeUntil(start).map(end -> new Span(start, end)));
    }

    /** Whether one of the label sets (an incident has one per service) matches every matcher. */
    public boolean matches(List<Map<String, String>> labelSets) {
        return labelSets.stream().anyMatch(labels -> matchers.stream().allMatch(m -> m.matches(labels)));
    }
}

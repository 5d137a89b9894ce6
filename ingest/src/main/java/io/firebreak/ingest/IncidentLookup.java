package io.firebreak.ingest;

import io.firebreak.events.Incident;
import java.util.Optional;

/**
 * The current state of an incident, as the application's read model (the incidents store) knows it. Ingest asks
 * it to refuse, with 404 or 409, an action that cannot apply, instead of accepting it and letting the topology
 * reject it silently in the timeline.
 */
@FunctionalInterface
public interface IncidentLookup {

    /** No read model (e.g. an ingest-only instance): every syntactically valid action is accepted. */
    IncidentLookup NONE = id -> Optional.empty();

    Optional<Incident> find(String incidentId);
}

package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import java.util.Optional;

/**
 * A changed incident handed from correlation to routing inside one sub-topology (never serialized), with
 * the runbook of the signal that changed it (an incident keeps no annotations of its own).
 */
public record IncidentUpdate(Incident incident, Optional<String> runbookUrl) {
}

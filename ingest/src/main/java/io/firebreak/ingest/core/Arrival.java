package io.firebreak.ingest.core;

import io.firebreak.core.incident.IncidentIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What every ingest mapper adds to a sender's payload: the cluster of an event whose payload names none, and the time
 * it was received. One value for all mappers, so every endpoint stamps its events alike.
 */
public record Arrival(String defaultCluster, Clock clock) {

    public Arrival {
        Objects.requireNonNull(defaultCluster, "defaultCluster");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The cluster an event belongs to: the one its sender named, made safe as a key ({@link IncidentIds#clusterKey}),
     * or the default when it names none.
     */
    public String cluster(String named) {
        return named == null || named.isBlank() ? defaultCluster : IncidentIds.clusterKey(named);
    }

    /** Now, to the millisecond: the precision of the events' timestamp-millis fields. */
    public Instant receivedAt() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

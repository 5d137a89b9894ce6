package io.firebreak.ingest.core;

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

    /** Now, to the millisecond: the precision of the events' timestamp-millis fields. */
    public Instant receivedAt() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

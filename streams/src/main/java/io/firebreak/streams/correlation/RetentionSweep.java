package io.firebreak.streams.correlation;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.Incident;
import io.firebreak.streams.CorrelationSettings;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention on stream time (deterministic, replays the same way under exactly_once_v2): an incident quiet for
 * the retention with nothing left firing is closed (one last version downstream) and leaves the state, with
 * its group entry and watches; old id counters, changes and RCA reports go with it.
 */
record RetentionSweep(CorrelationSettings settings, Correlator correlator, IncidentState state, EnrichmentSources sources,
                      Watches watches, IncidentOutput output, UpdateThrottle throttle) {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    /** The punctuation: runs every {@code purgeInterval} of stream time. */
    void sweep(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(settings.retention());
        List<Incident> expired = state.all().stream().filter(incident -> expired(incident, cutoff)).toList();
        expired.forEach(incident -> expire(incident, streamTime));
        state.dropOrphanGroups();
        state.recheckEarlierSignals();
        state.dropCountersBefore(IncidentIds.day(streamTime));
        // changes only matter for the lookback before a new incident; RCA reports for the retention
        Instant changeCutoff = Instant.ofEpochMilli(streamTime).minus(settings.changeLookback()).minus(settings.window());
        sources.dropOlderThan(changeCutoff, cutoff);
    }

    /**
     * Expires the incident now when it is due. The sweep runs only after the current record, and an alert
     * arriving past the retention must not revive the old incident. Returns whether it expired.
     */
    boolean expireIfDue(Incident incident, long streamTime) {
        if (!expired(incident, Instant.ofEpochMilli(streamTime).minus(settings.retention()))) {
            return false;
        }
        expire(incident, streamTime);
        return true;
    }

    /** Quiet since the cutoff and nothing left firing (or already closed): it may leave the state. */
    private static boolean expired(Incident incident, Instant cutoff) {
        return incident.getUpdatedAt().isBefore(cutoff) && (incident.getClosed() || SignalTally.allResolved(incident));
    }

    /** Closes the incident (one last version downstream) and drops it, its group entry and its watches. */
    private void expire(Incident incident, long streamTime) {
        if (!incident.getClosed()) {
            Incident closed = correlator.close(incident, Instant.ofEpochMilli(streamTime),
                    "closed: every signal resolved and nothing changed for " + settings.retention());
            output.incident(closed, streamTime);
        }
        state.remove(incident);
        watches.forget(incident.getId());
        throttle.forget(incident.getId());
        LOG.info("event=incident_expired incident={} cluster={}", incident.getId(), incident.getCluster());
    }
}

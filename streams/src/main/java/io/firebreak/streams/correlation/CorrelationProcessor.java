package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups deduplicated signals into incidents (DESIGN §6.2) and forwards every changed incident, re-keyed
 * by its id, to routing. Input is keyed by cluster, so one cluster's state lives in one task.
 *
 * <p>Stores: {@code groups} (cluster|groupKey → open incident id), {@code incidents} (id → Incident, shared
 * with routing), {@code sequences} (cluster|yyyyMMdd → last sequence). All writes happen in the record's
 * transaction (exactly_once_v2), so a crash never hands out an id twice.
 *
 * <p>Retention (stream time): an incident whose signals are all resolved and that has not changed for the
 * retention is closed (one last version on the incidents topic), then dropped from state; the next signal
 * of its group opens a new incident. Sequence counters of past days are dropped too.
 */
public final class CorrelationProcessor implements Processor<String, Signal, String, IncidentUpdate> {

    private static final Logger LOG = LoggerFactory.getLogger(CorrelationProcessor.class);

    private final Stores names;
    private final List<String> groupBy;
    private final Duration retention;
    private final Duration sweepInterval;
    private final Correlator correlator = new Correlator();
    private ProcessorContext<String, IncidentUpdate> context;
    private KeyValueStore<String, String> groups;
    private KeyValueStore<String, Incident> incidents;
    private KeyValueStore<String, Long> sequences;

    /** Names of the state stores this processor uses. */
    public record Stores(String groups, String incidents, String sequences) {
    }

    public CorrelationProcessor(Stores names, List<String> groupBy, Duration retention, Duration sweepInterval) {
        this.names = names;
        this.groupBy = List.copyOf(groupBy);
        this.retention = retention;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, IncidentUpdate> context) {
        this.context = context;
        this.groups = context.getStateStore(names.groups());
        this.incidents = context.getStateStore(names.incidents());
        this.sequences = context.getStateStore(names.sequences());
        context.schedule(sweepInterval, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        if (signal == null) {
            return;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        GroupKey group = GroupKey.of(signal, groupBy);
        Incident current = Optional.ofNullable(groups.get(group.storeKey())).map(incidents::get).orElse(null);
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        if (current != null && expired(current, Instant.ofEpochMilli(now).minus(retention))) {
            // the sweep runs after this record; an alert arriving past the retention must not revive the old incident
            expire(current, now);
            current = null;
        }
        Incident changed;
        if (current == null || current.getClosed()) {
            if (signal.getStatus() == SignalStatus.RESOLVED) {
                LOG.debug("event=resolved_without_incident cluster={} fingerprint={}", signal.getCluster(), signal.getFingerprint());
                return;
            }
            changed = correlator.open(nextId(signal.getCluster(), record.timestamp()), group, signal, at);
            groups.put(group.storeKey(), changed.getId());
            LOG.info("event=incident_opened incident={} group={} severity={} fingerprint={}",
                    changed.getId(), group, changed.getSeverity(), signal.getFingerprint());
        } else {
            Optional<Incident> applied = correlator.apply(current, signal, at);
            if (applied.isEmpty()) {
                return;
            }
            changed = applied.get();
            LOG.info("event=incident_updated incident={} version={} severity={} fingerprint={} status={}",
                    changed.getId(), changed.getVersion(), changed.getSeverity(), signal.getFingerprint(), signal.getStatus());
        }
        incidents.put(changed.getId(), changed);
        context.forward(new Record<>(changed.getId(), new IncidentUpdate(changed, runbookUrl(signal)), record.timestamp()));
    }

    /**
     * The day comes from stream time (monotonic per task), not the record's own timestamp: a late record
     * must never pick a day whose counter was already swept, or it would hand out an id again.
     */
    /** Quiet since the cutoff and nothing left firing (or already closed): it may leave the state. */
    private static boolean expired(Incident incident, Instant cutoff) {
        return incident.getUpdatedAt().isBefore(cutoff) && (incident.getClosed() || Correlator.allResolved(incident.getSignals()));
    }

    /** Closes the incident (one last version downstream) and drops it and its group entry from state. */
    private void expire(Incident incident, long streamTime) {
        if (!incident.getClosed()) {
            Incident closed = correlator.close(incident, Instant.ofEpochMilli(streamTime),
                    "closed: every signal resolved and nothing changed for " + retention);
            context.forward(new Record<>(closed.getId(), new IncidentUpdate(closed, Optional.empty()), streamTime));
        }
        incidents.delete(incident.getId());
        String groupKey = new GroupKey(incident.getCluster(), incident.getGroupKey()).storeKey();
        if (incident.getId().equals(groups.get(groupKey))) {
            groups.delete(groupKey);
        }
        LOG.info("event=incident_expired incident={} cluster={}", incident.getId(), incident.getCluster());
    }

    private String nextId(String cluster, long recordTime) {
        String day = IncidentIds.day(Math.max(recordTime, context.currentStreamTimeMs()));
        String key = cluster + "|" + day;
        long sequence = Optional.ofNullable(sequences.get(key)).orElse(0L) + 1;
        sequences.put(key, sequence);
        return IncidentIds.format(cluster, day, sequence);
    }

    private static Optional<String> runbookUrl(Signal signal) {
        if (signal.getRunbookUrl() != null && !signal.getRunbookUrl().isBlank()) {
            return Optional.of(signal.getRunbookUrl());
        }
        return Optional.ofNullable(signal.getAnnotations().get("runbook_url")).filter(url -> !url.isBlank());
    }

    private void sweep(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(retention);
        List<Incident> expired = new ArrayList<>();
        try (KeyValueIterator<String, Incident> all = incidents.all()) {
            while (all.hasNext()) {
                Incident incident = all.next().value;
                if (expired(incident, cutoff)) {
                    expired.add(incident);
                }
            }
        }
        expired.forEach(incident -> expire(incident, streamTime));
        String today = IncidentIds.day(streamTime);
        List<String> pastDays = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = sequences.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.key.substring(entry.key.lastIndexOf('|') + 1).compareTo(today) < 0) {
                    pastDays.add(entry.key);
                }
            }
        }
        pastDays.forEach(sequences::delete);
    }
}

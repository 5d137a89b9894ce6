package io.firebreak.streams.correlation;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.events.Incident;
import io.firebreak.events.SignalRef;
import io.firebreak.streams.state.Records;
import io.firebreak.streams.state.StoreScans;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The incidents of this task's clusters (key incident id), the correlation groups pointing at them (key
 * {@link GroupKey#storeKey()}, several per incident after graph joins) and the daily id counters (key
 * {@code cluster|yyyyMMdd}). Each signal's state in its incident is its dedup entry, which names the incident
 * ({@link IncidentInput.SignalInput}); versions before that kept it in an incident-signals store (key
 * {@code <incident id>|<fingerprint>}), still read for the incidents it holds until they leave the state.
 */
final class IncidentState {

    private final KeyValueStore<String, String> groups;
    private final KeyValueStore<String, Incident> incidents;
    private final KeyValueStore<String, Long> sequences;
    private final KeyValueStore<String, SignalRef> signals;
    /** Whether the incident-signals store of earlier versions may still hold a signal; null: look again ({@link #recheckEarlierSignals}). */
    private Boolean earlierSignals;

    IncidentState(KeyValueStore<String, String> groups, KeyValueStore<String, Incident> incidents, KeyValueStore<String, Long> sequences,
                  KeyValueStore<String, SignalRef> signals) {
        this.groups = groups;
        this.incidents = incidents;
        this.sequences = sequences;
        this.signals = signals;
    }

    /** The stored incident; a storm's hot incidents are read as objects, not deserialized each time (WriteBackStore). */
    Optional<Incident> find(String id) {
        return Optional.ofNullable(incidents.get(id)).map(SignalTally::normalized);
    }

    /** The incident the group currently points at. */
    Optional<Incident> ofGroup(GroupKey group) {
        return Optional.ofNullable(groups.get(group.storeKey())).flatMap(this::find);
    }

    /**
     * The signal's last state in the incident, from its dedup entry before this signal ({@code entry}): the entry is
     * that state when it names the incident, and the signal is new to the incident when it names another one. An
     * entry naming none was written before entries named their incident (or its signal never joined one): then the
     * incident-signals store of earlier versions, and for records older still the incident's sample.
     */
    Optional<SignalRef> signal(Incident incident, Optional<SignalRef> entry, String fingerprint) {
        if (entry.isPresent() && entry.get().getIncidentId() != null) {
            return entry.get().getIncidentId().equals(incident.getId()) ? Optional.of(inIncident(entry.get())) : Optional.empty();
        }
        if (earlierSignals()) {
            SignalRef stored = signals.get(signalKey(incident.getId(), fingerprint));
            if (stored != null) {
                return Optional.of(stored);
            }
        }
        for (SignalRef sampled : incident.getSignals()) { // a loop, not a stream: every new signal of a storm comes here
            if (sampled.getFingerprint().equals(fingerprint)) {
                return Optional.of(sampled);
            }
        }
        return Optional.empty();
    }

    /** One seek of the earlier store when not known, none while it is known to be empty (nothing writes it any more). */
    private boolean earlierSignals() {
        if (earlierSignals == null) {
            earlierSignals = !StoreScans.isEmpty(signals);
        }
        return earlierSignals;
    }

    /** A dedup entry as the incident sees the signal: without the dedup-only fields (labels are none already). */
    static SignalRef inIncident(SignalRef entry) {
        SignalRef state = Records.copy(entry);
        state.setIncidentId(null);
        state.setEpisodeStartsAt(null);
        return state;
    }

    /** Key of one signal of one incident: the incident id first, so one prefix scan finds an incident's signals. */
    static String signalKey(String incidentId, String fingerprint) {
        return incidentId + "|" + fingerprint;
    }

    /** Later signals of the group go to this incident. */
    void link(GroupKey group, String incidentId) {
        groups.put(group.storeKey(), incidentId);
    }

    void put(Incident incident) {
        incidents.put(incident.getId(), incident);
    }

    /** Ids start with the cluster, so a prefix scan finds a cluster's incidents without reading the others. */
    List<Incident> ofCluster(String cluster) {
        // the prefix "a." also matches cluster "a.b": keep only the exact cluster
        return StoreScans.withPrefix(incidents, cluster + ".").stream().map(entry -> SignalTally.normalized(entry.value))
                .filter(incident -> incident.getCluster().equals(cluster)).toList();
    }

    List<Incident> all() {
        return StoreScans.values(incidents).stream().map(SignalTally::normalized).toList();
    }

    /**
     * The next id of the cluster on the day of {@code streamTime}. The caller passes stream time (monotonic per
     * task), not the record's own timestamp: a late record must never pick a day whose counter was already
     * swept, or it would hand out an id again.
     */
    String nextId(String cluster, long streamTime) {
        String day = IncidentIds.day(streamTime);
        String key = cluster + "|" + day;
        long sequence = Optional.ofNullable(sequences.get(key)).orElse(0L) + 1;
        sequences.put(key, sequence);
        return IncidentIds.format(cluster, day, sequence);
    }

    /** Drops the incident and its own group entry (a group may already point at a newer incident). */
    void remove(Incident incident) {
        incidents.delete(incident.getId());
        if (earlierSignals()) {
            StoreScans.withPrefix(signals, incident.getId() + "|").forEach(entry -> signals.delete(entry.key));
            earlierSignals = null;
        }
        String groupKey = new GroupKey(incident.getCluster(), incident.getGroupKey()).storeKey();
        if (incident.getId().equals(groups.get(groupKey))) {
            groups.delete(groupKey);
        }
    }

    /** Looks at the earlier store again on the next need: a retention sweep or a removal may have emptied it. */
    void recheckEarlierSignals() {
        earlierSignals = null;
    }

    /** Group entries pointing at an incident that left the state (graph joins add several per incident). */
    void dropOrphanGroups() {
        StoreScans.deleteWhere(groups, (group, incidentId) -> incidents.get(incidentId) == null);
    }

    /** Counters of days before {@code today}: no new id is ever drawn for them (see {@link #nextId}). */
    void dropCountersBefore(String today) {
        StoreScans.deleteWhere(sequences, (key, sequence) -> key.substring(key.lastIndexOf('|') + 1).compareTo(today) < 0);
    }
}

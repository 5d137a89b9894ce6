package io.firebreak.streams.correlation;

import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.state.Lru;
import io.firebreak.streams.state.StoreScans;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes an incident's routine changes at most once per interval, so that a storm of 50,000 signals into one
 * incident costs 50,000 small state updates, not 50,000 incident records on the incidents topic and 50,000 Slack
 * edits. The first change after a quiet interval is published at once; later ones within the interval are held,
 * and the latest state goes out when the interval is over. What must not wait — a page, an acknowledgement, a
 * resolve — is never held (the caller decides, see {@link IncidentUpdates}).
 *
 * <p>Held incidents are kept in a store (incident id → {@code <due wall-clock millis>|<owed notice>}), so a crash
 * between a held change and its publication does not lose the publication; the store is mirrored in memory, so the
 * frequent due-check reads no store. When each incident was last published is kept only in memory: after a restart
 * the first change of every incident is published at once, which costs one extra record at most.
 */
final class UpdateThrottle {

    /** An incident whose change is held until {@code due}; {@code owed} is what its notified receivers are owed. */
    record Held(String incidentId, long due, Notice owed) {
    }

    private static final int REMEMBERED = 10_000;

    private final KeyValueStore<String, String> store;
    private final long intervalMs;
    private final Map<String, Held> held = new TreeMap<>();
    private final Map<String, Long> lastPublished = Lru.map(REMEMBERED);

    UpdateThrottle(KeyValueStore<String, String> store, Duration interval) {
        this.store = store;
        this.intervalMs = interval.toMillis();
        for (KeyValue<String, String> entry : StoreScans.entries(store)) {
            held.put(entry.key, parse(entry.key, entry.value));
        }
    }

    /** Whether a routine change of the incident may be published now. */
    boolean mayPublish(String incidentId, long wallNow) {
        if (intervalMs == 0) {
            return true;
        }
        Long last = lastPublished.get(incidentId);
        return last == null || wallNow - last >= intervalMs;
    }

    /** The incident's current state was published: nothing is held for it any more. */
    void published(String incidentId, long wallNow) {
        lastPublished.put(incidentId, wallNow);
        if (held.remove(incidentId) != null) {
            store.delete(incidentId);
        }
    }

    /** A routine change is held; the strongest notice owed since the last publication is kept. */
    void hold(String incidentId, long wallNow, Notice notice) {
        Held before = held.get(incidentId);
        long due = lastPublished.getOrDefault(incidentId, wallNow) + intervalMs;
        Notice owed = before == null ? notice : before.owed().and(notice);
        if (before != null && before.owed() == owed) {
            return; // already held with the same notice: no store write per signal
        }
        Held now = new Held(incidentId, before == null ? due : before.due(), owed);
        held.put(incidentId, now);
        store.put(incidentId, now.due() + "|" + now.owed().name());
    }

    /** The held incidents whose interval is over. */
    List<Held> due(long wallNow) {
        List<Held> due = new ArrayList<>();
        for (Held entry : held.values()) {
            if (entry.due() <= wallNow) {
                due.add(entry);
            }
        }
        return due;
    }

    /** The incident left the state: nothing may be published for it. */
    void forget(String incidentId) {
        lastPublished.remove(incidentId);
        if (held.remove(incidentId) != null) {
            store.delete(incidentId);
        }
    }

    private static Held parse(String incidentId, String value) {
        int bar = value.indexOf('|');
        return new Held(incidentId, Long.parseLong(value.substring(0, bar)), Notice.valueOf(value.substring(bar + 1)));
    }
}

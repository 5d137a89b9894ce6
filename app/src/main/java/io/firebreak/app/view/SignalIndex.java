package io.firebreak.app.view;

import io.firebreak.events.SignalStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every incident's signals for {@code GET /v1/incidents/{id}/signals}, on disk ({@link ViewDatabase}) rather than on
 * the heap: one entry per alert a storm brought (about 1.5 KiB of heap each as objects), so held on the heap they grew
 * the API's live set with every distinct alert until closed incidents left the history, 90 days later (measured: 88 MB
 * → 400 MB after 200,000 alerts in standalone). The disk holds at most {@link #MAX_PER_INCIDENT} per incident.
 *
 * <p>Key: {@link ViewDatabase#key} of {@link ViewDatabase#SIGNALS}, the incident and the fingerprint: an incident's
 * signals are adjacent and in fingerprint order (byte order of UTF-8, which is code point order), so a page is one
 * seek and a scan. Value: the signal's status (one byte, for the status filter without decoding) and the
 * record's value as read from the topic.
 */
final class SignalIndex {

    /**
     * Signals kept per incident: twice the largest storm the benchmarks drive into one incident. Beyond it new
     * fingerprints are counted, not kept (the incident's counts stay exact).
     */
    static final int MAX_PER_INCIDENT = 100_000;
    private static final SignalStatus[] STATUSES = SignalStatus.values();

    /** One stored signal: its status and the topic record's value. */
    record Entry(SignalStatus status, byte[] value) {
    }

    /** One page: at most the limit's entries, and the fingerprint to continue after when there are more. */
    record Page(List<Entry> entries, Optional<String> next) {
    }

    private final ViewDatabase db;
    /** Signals kept per incident, for the cap: the database is emptied at every open, so this count starts from zero too. */
    private final Map<String, Integer> kept = new ConcurrentHashMap<>();

    /** @param db a database just opened (so empty) */
    SignalIndex(ViewDatabase db) {
        this.db = db;
    }

    /**
     * Stores the signal's latest record; a fingerprint new to an incident that holds {@link #MAX_PER_INCIDENT} already
     * is not kept.
     *
     * @return whether it was kept
     */
    boolean put(String incidentId, String fingerprint, SignalStatus status, byte[] value) {
        byte[] key = key(incidentId, fingerprint);
        if (db.get(key) == null) {
            if (kept.getOrDefault(incidentId, 0) >= MAX_PER_INCIDENT) {
                return false;
            }
            kept.merge(incidentId, 1, Integer::sum); // one writer: the view's thread
        }
        byte[] stored = new byte[value.length + 1];
        stored[0] = (byte) status.ordinal(); // never null: the schema's status is an enum without null
        System.arraycopy(value, 0, stored, 1, value.length);
        return db.put(key, stored);
    }

    /**
     * The incident's signals in fingerprint order after {@code after} (exclusive), those of {@code status} only when it
     * is given, at most {@code limit}.
     */
    Page page(String incidentId, Optional<SignalStatus> status, int limit, Optional<String> after) {
        byte[] prefix = prefix(incidentId);
        return db.scan(it -> {
            List<Entry> entries = new ArrayList<>(Math.min(limit, 1024));
            byte[] start = after.map(fingerprint -> key(incidentId, fingerprint)).orElse(prefix);
            it.seek(start);
            if (after.isPresent() && it.isValid() && Arrays.equals(it.key(), start)) {
                it.next(); // the cursor is the previous page's last signal
            }
            byte[] lastKey = null;
            for (; it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!ViewDatabase.startsWith(key, prefix)) {
                    break;
                }
                byte[] stored = it.value();
                SignalStatus storedStatus = STATUSES[stored[0]];
                if (status.isPresent() && storedStatus != status.get()) {
                    continue;
                }
                if (entries.size() == limit) {
                    return new Page(entries, Optional.of(ViewDatabase.name(lastKey, prefix)));
                }
                entries.add(new Entry(storedStatus, Arrays.copyOfRange(stored, 1, stored.length)));
                lastKey = key;
            }
            return new Page(entries, Optional.empty());
        }, new Page(List.of(), Optional.empty()));
    }

    /** How many signals of the incident are kept. */
    int kept(String incidentId) {
        return kept.getOrDefault(incidentId, 0);
    }

    /** The incident left the view: its signals go too. */
    void forget(String incidentId) {
        db.deletePrefix(prefix(incidentId));
        kept.remove(incidentId);
    }

    private static byte[] prefix(String incidentId) {
        return ViewDatabase.prefix(ViewDatabase.SIGNALS, incidentId);
    }

    private static byte[] key(String incidentId, String fingerprint) {
        return ViewDatabase.key(ViewDatabase.SIGNALS, incidentId, fingerprint);
    }
}

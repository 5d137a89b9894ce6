package io.firebreak.app.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every incident's delivery receipts for the API (an incident's {@code deliveries}), on disk ({@link ViewDatabase}):
 * the latest receipt of each notification, in the order they arrived, at most {@link #MAX_PER_INCIDENT} per incident,
 * the oldest dropped first. An incident's updates to Slack and Teams each leave a receipt, so a long incident has up to
 * that many, each about a kilobyte as an object: held on the heap for every incident of the history they grew the live
 * set of every {@code api}/{@code ingest} instance with the history's length.
 *
 * <p>Key: {@link ViewDatabase#key} of {@link ViewDatabase#DELIVERIES}, the incident and the notification id, so a
 * later receipt of the same notification replaces the earlier one. Value: the arrival number (8 bytes; this index
 * is written by one thread, the view's) and the record's value as read from the topic.
 */
final class ReceiptIndex {

    /** Receipts kept per incident: an incident's first notifications and its most recent ones. */
    static final int MAX_PER_INCIDENT = 200;

    private final ViewDatabase db;
    /** Receipts kept per incident, for the cap: the database is emptied at every open, so this count starts from zero too. */
    private final Map<String, Integer> kept = new ConcurrentHashMap<>();
    private long arrivals;

    /** @param db a database just opened (so empty) */
    ReceiptIndex(ViewDatabase db) {
        this.db = db;
    }

    /** Stores the receipt as the notification's latest, the incident's newest; beyond the cap its oldest goes. */
    void put(String incidentId, String notificationId, byte[] value) {
        byte[] key = ViewDatabase.key(ViewDatabase.DELIVERIES, incidentId, notificationId);
        boolean known = db.get(key) != null;
        if (!db.put(key, ByteBuffer.allocate(Long.BYTES + value.length).putLong(arrivals++).put(value).array()) || known) {
            return;
        }
        if (kept.merge(incidentId, 1, Integer::sum) > MAX_PER_INCIDENT) {
            stored(incidentId).stream().min(Comparator.comparingLong(Stored::arrival))
                    .ifPresent(oldest -> db.delete(oldest.key()));
            kept.merge(incidentId, -1, Integer::sum);
        }
    }

    /** The incident's receipts (the records' values), oldest first. */
    List<byte[]> receipts(String incidentId) {
        return stored(incidentId).stream().sorted(Comparator.comparingLong(Stored::arrival)).map(Stored::value).toList();
    }

    /** The incident left the view: its receipts go too. */
    void forget(String incidentId) {
        db.deletePrefix(ViewDatabase.prefix(ViewDatabase.DELIVERIES, incidentId));
        kept.remove(incidentId);
    }

    private record Stored(byte[] key, long arrival, byte[] value) {
    }

    private List<Stored> stored(String incidentId) {
        byte[] prefix = ViewDatabase.prefix(ViewDatabase.DELIVERIES, incidentId);
        return db.scan(it -> {
            List<Stored> all = new ArrayList<>();
            for (it.seek(prefix); it.isValid() && ViewDatabase.startsWith(it.key(), prefix); it.next()) {
                byte[] value = it.value();
                all.add(new Stored(it.key(), ByteBuffer.wrap(value).getLong(), Arrays.copyOfRange(value, Long.BYTES, value.length)));
            }
            return all;
        }, List.of());
    }
}

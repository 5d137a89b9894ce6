package io.firebreak.app.view;

import java.util.Optional;

/**
 * Records by id, as read from their topic, on disk ({@link ViewDatabase}): incidents and postmortems, which the read
 * model keeps for the whole history ({@code api.history}, 90 days by default) so the API can show them. As objects on
 * the heap, a closed incident, its postmortem and receipts took about 29 KiB for a one-signal incident (measured:
 * closing 3,000 incidents added 87 MB to standalone's live set), a storm's more (its sample, counts, timeline,
 * Markdown), for hundreds of incidents a day; and open incidents are as many as a storm opens. What the heap keeps
 * instead is a summary of each ({@link IncidentSummary}, the MTTx sample).
 *
 * <p>Key: {@link ViewDatabase#prefix} of the archive's key byte ({@link ViewDatabase#INCIDENTS},
 * {@link ViewDatabase#POSTMORTEMS}) and the id.
 */
final class Archive {

    private final ViewDatabase db;
    private final byte space;

    /** @param db a database just opened (so empty); {@code space} this archive's key byte in it */
    Archive(ViewDatabase db, byte space) {
        this.db = db;
        this.space = space;
    }

    void put(String id, byte[] value) {
        db.put(key(id), value);
    }

    /** The record; empty when it is not archived (unknown, forgotten) or the database is closed. */
    Optional<byte[]> get(String id) {
        return Optional.ofNullable(db.get(key(id)));
    }

    void remove(String id) {
        db.delete(key(id));
    }

    private byte[] key(String id) {
        return ViewDatabase.prefix(space, id);
    }
}

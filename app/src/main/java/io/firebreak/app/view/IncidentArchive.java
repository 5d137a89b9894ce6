package io.firebreak.app.view;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Closed incidents, as their topic records, on disk ({@link ViewDatabase}): the read model keeps them for the whole
 * history ({@code api.history}, 90 days by default) so the API and the MTTx reports can show them, and as objects on the
 * heap each took about 13 KiB for a one-signal incident and up to megabytes for a storm's (its sample, counts and
 * timeline), for hundreds of incidents a day. Only open incidents, which the metrics read at every scrape, stay objects.
 *
 * <p>Key: {@link ViewDatabase#INCIDENTS} and the id's UTF-8 bytes. Value: the record's value as read from the topic.
 */
final class IncidentArchive {

    private final ViewDatabase db;

    /** @param db a database just opened (so empty) */
    IncidentArchive(ViewDatabase db) {
        this.db = db;
    }

    void put(String id, byte[] value) {
        db.put(key(id), value);
    }

    /** The incident's record; empty when it is not archived (open, unknown, forgotten) or the database is closed. */
    Optional<byte[]> get(String id) {
        return Optional.ofNullable(db.get(key(id)));
    }

    void remove(String id) {
        db.delete(key(id));
    }

    private static byte[] key(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + utf8.length).put(ViewDatabase.INCIDENTS).put(utf8).array();
    }
}

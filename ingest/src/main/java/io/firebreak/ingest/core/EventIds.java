package io.firebreak.ingest.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same alert state delivered twice (Alertmanager retries, HA replicas, repeat
 * intervals) gets the same id, so downstream can recognise the duplicate (contract: idempotency key is
 * groupKey, fingerprint, status, startsAt).
 */
public final class EventIds {

    private EventIds() {
    }

    /** A name-based UUID over the parts, NUL-separated so that no two part lists collide by concatenation. */
    public static String of(String... parts) {
        StringBuilder name = new StringBuilder("firebreak");
        for (String part : parts) {
            name.append('\0').append(part == null ? "" : part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}

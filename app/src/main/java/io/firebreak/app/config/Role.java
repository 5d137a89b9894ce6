package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** The parts of firebreak one process runs ({@code roles:}); scale each out independently. */
public enum Role {
    INGEST, STREAMS, NOTIFIERS, API;

    @JsonCreator
    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name + "', expected ingest, streams, notifiers or api", e);
        }
    }
}

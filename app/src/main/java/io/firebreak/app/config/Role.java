package io.firebreak.app.config;

/** The parts of firebreak one process runs ({@code roles:}); scale each out independently. */
public enum Role {
    INGEST, STREAMS, NOTIFIERS, API
}

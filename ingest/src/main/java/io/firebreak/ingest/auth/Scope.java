package io.firebreak.ingest.auth;

import java.util.Locale;

/**
 * What a bearer token may do. A sender gets only what it needs: a Fluent Bit or Alertmanager token {@link #INGEST}, a
 * person's or SOAR's token {@link #ACTIONS}, a dashboard or Prometheus token {@link #READ}.
 */
public enum Scope {
    /** Send alerts, changes, Coroot events and logs. */
    INGEST,
    /** Act on incidents (ack, mitigate, resolve, notes, action items). */
    ACTIONS,
    /** Read incidents, postmortems, SLOs, reports and {@code /metrics}. */
    READ;

    /** As written in the YAML and in error messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.firebreak.ingest.core;

/**
 * A body that parsed as JSON but breaks the contract (wrong version, missing alerts, bad timestamp). The
 * sender must fix it; retrying the same body cannot help, so it becomes a 400.
 */
public final class InvalidPayloadException extends RuntimeException {

    private final String error;
    private final int status;

    public InvalidPayloadException(String error, String detail) {
        this(400, error, detail);
    }

    /** A contract breach answered with its own 4xx, e.g. 413 for a note longer than the incident keeps. */
    public InvalidPayloadException(int status, String error, String detail) {
        super(detail);
        this.error = error;
        this.status = status;
    }

    /** The HTTP status the sender gets: 400 unless the breach has a more precise one. */
    public int status() {
        return status;
    }

    /** Stable error code, e.g. {@code unsupported_version}. */
    public String error() {
        return error;
    }
}

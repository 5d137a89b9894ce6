package io.firebreak.ingest.core;

/**
 * A body that parsed as JSON but breaks the contract (wrong version, missing alerts, bad timestamp). The
 * sender must fix it; retrying the same body cannot help, so it becomes a 400.
 */
public final class InvalidPayloadException extends RuntimeException {

    private final String error;

    public InvalidPayloadException(String error, String detail) {
        super(detail);
        this.error = error;
    }

    /** Stable error code, e.g. {@code unsupported_version}. */
    public String error() {
        return error;
    }
}

package io.firebreak.schemas.registry;

/** A Schema Registry call failed; {@link #retryable()} says whether trying again later can help. */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code from the answer body (e.g. 40401 subject not found), 0 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return false;
    }

    /**
     * Whether {@code failure} (or any of its causes) is a registry call that may succeed later — the registry was
     * unreachable — rather than a record or schema that will never be readable. Readers use it to decide between
     * trying the record again and setting it aside: setting aside a valid record because of an outage loses it.
     */
    public static boolean unreachableIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registryError && registryError.retryable()) {
                return true;
            }
        }
        return false;
    }
}

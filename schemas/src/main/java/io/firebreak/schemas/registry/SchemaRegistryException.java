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
}

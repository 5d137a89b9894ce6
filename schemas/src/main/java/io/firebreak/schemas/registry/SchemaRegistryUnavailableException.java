package io.firebreak.schemas.registry;

/** The registry could not be reached, timed out or answered 5xx: retry later. */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, 0, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

package io.firebreak.schemas.registry;

/** The registry refused a schema as incompatible with the subject's history (HTTP 409): retrying cannot help. */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String message, int errorCode) {
        super(message, 409, errorCode, null);
    }
}

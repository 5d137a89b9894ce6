package io.firebreak.schemas.registry;

/** Which schema id a serializer writes, the registry's {@code auto.register.schemas} / {@code use.latest.version}. */
public enum SchemaRegistration {
    /** Register the schema under its subject (idempotent) and write the id the registry answers. */
    AUTO_REGISTER,
    /** The registry is managed by others: write the id the schema already has under its subject; fail if it has none. */
    LOOKUP,
    /**
     * Write the id of the subject's latest version, if that version encodes records exactly as firebreak's schema does
     * (same Avro parsing form, docs and defaults aside): a reader decoding with it reads what was written.
     */
    LATEST_VERSION
}

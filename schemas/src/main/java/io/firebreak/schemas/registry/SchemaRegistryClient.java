package io.firebreak.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API firebreak uses. Implementations cache what never
 * changes (an id always names the same schema; a registered schema keeps its id).
 *
 * <p>Every method throws {@link SchemaRegistryException}: {@link SchemaRegistryUnavailableException} when the
 * registry cannot be reached or answers 5xx (retry later), {@link IncompatibleSchemaException} when it
 * refuses a schema (do not retry).
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /**
     * The id a serializer writes for {@code schema} under {@code subject}: by default the registered one
     * ({@link #register}); a client may be told to look it up or use the subject's latest version instead.
     */
    default int idForWriting(String subject, Schema schema) {
        return register(subject, schema);
    }

    /** The id of {@code schema} if it is already registered under {@code subject}. */
    Optional<Integer> lookup(String subject, Schema schema);

    /** The schema with global id {@code id}. */
    Schema schemaById(int id);

    /** One version of a subject; {@code version} is a number or {@code latest}. */
    RegisteredSchema version(String subject, String version);

    /** Whether {@code schema} is compatible with the latest version of {@code subject}. */
    boolean isCompatible(String subject, Schema schema);

    /** The global compatibility level, e.g. {@code BACKWARD}. */
    String compatibility();

    /** Sets the global compatibility level. */
    void setCompatibility(String level);

    /** A schema as stored under a subject. */
    record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }
}

package io.firebreak.embedded;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations, free of HTTP. Writes are serialized by one lock and answered only after
 * {@link SchemaLog} acknowledged them, so ids stay unique and survive a restart; reads share the lock
 * because the state is a plain, unsynchronized structure.
 */
final class SchemaRegistryService {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryService.class);

    private final RegistryState state;
    private final SchemaLog log;

    SchemaRegistryService(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /** Registers {@code schemaText} under {@code subject}, returning its global id (the existing one if known). */
    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        Optional<SchemaVersion> existing = state.find(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (!level.allows(schema, schemas(subject))) {
            throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject '" + subject
                            + "' (compatibility " + level + ").");
        }
        SchemaVersion next = state.next(subject, schema);
        log.appendVersion(next);
        state.apply(next);
        LOG.info("event=schema_registered subject={} version={} id={}", subject, next.version(), next.id());
        return next.id();
    }

    synchronized SchemaVersion lookup(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        if (state.versions(subject).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return state.find(subject, schema).orElseThrow(() -> RegistryException.schemaNotFound("under subject '" + subject + "'"));
    }

    synchronized Schema schemaById(int id) {
        return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound("id " + id));
    }

    synchronized List<String> subjects() {
        return state.subjects();
    }

    synchronized List<Integer> versionNumbers(String subject) {
        return existingVersions(subject).stream().map(SchemaVersion::version).toList();
    }

    /** {@code version} is a positive number or {@code latest}. */
    synchronized SchemaVersion version(String subject, String version) {
        List<SchemaVersion> versions = existingVersions(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new RegistryException(422, RegistryException.INVALID_VERSION,
                    "The specified version '" + version + "' is not a valid version id.");
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, version));
    }

    /** Whether {@code schemaText} could be registered under {@code subject} now; true for a new subject. */
    synchronized boolean isCompatibleWithLatest(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        return state.effectiveLevel(subject).allows(schema, schemas(subject));
    }

    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    synchronized CompatibilityLevel setGlobalLevel(String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level);
        log.appendConfig(Optional.empty(), parsed);
        state.globalLevel(parsed);
        LOG.info("event=compatibility_set scope=global level={}", parsed);
        return parsed;
    }

    synchronized CompatibilityLevel subjectLevel(String subject) {
        return state.subjectLevel(subject).orElseThrow(() -> new RegistryException(404, RegistryException.SUBJECT_NOT_FOUND,
                "Subject '" + subject + "' does not have subject-level compatibility configured"));
    }

    synchronized CompatibilityLevel setSubjectLevel(String subject, String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level);
        log.appendConfig(Optional.of(subject), parsed);
        state.subjectLevel(subject, parsed);
        LOG.info("event=compatibility_set scope=subject subject={} level={}", subject, parsed);
        return parsed;
    }

    private List<SchemaVersion> existingVersions(String subject) {
        List<SchemaVersion> versions = state.versions(subject);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private List<Schema> schemas(String subject) {
        return state.versions(subject).stream().map(SchemaVersion::schema).toList();
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) { // Avro reports bad JSON and bad schemas with several exception types
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }
}

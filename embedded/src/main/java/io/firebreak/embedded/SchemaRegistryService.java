package io.firebreak.embedded;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations, free of HTTP. Writes are serialized by one writer lock and answered only after
 * {@link SchemaLog} acknowledged them, so ids stay unique and survive a restart. The in-memory state has
 * its own read-write lock, held only briefly: while a write waits for Kafka (up to its timeout when the
 * broker is down) reads are still answered from memory.
 */
final class SchemaRegistryService {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryService.class);

    private final RegistryState state;
    private final SchemaLog log;
    private final Object writer = new Object();
    private final ReadWriteLock stateLock = new ReentrantReadWriteLock();

    SchemaRegistryService(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /** Registers {@code schemaText} under {@code subject}, returning its global id (the existing one if known). */
    int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        synchronized (writer) {
            // Only this writer changes the state, so what it reads here holds until it applies its own change.
            Optional<SchemaVersion> existing = read(() -> state.find(subject, schema));
            if (existing.isPresent()) {
                return existing.get().id();
            }
            SchemaVersion next = read(() -> {
                CompatibilityLevel level = state.effectiveLevel(subject);
                if (!level.allows(schema, schemas(subject))) {
                    throw new RegistryException(409, RegistryException.INCOMPATIBLE_SCHEMA,
                            "Schema being registered is incompatible with an earlier schema for subject '" + subject
                                    + "' (compatibility " + level + ").");
                }
                return state.next(subject, schema);
            });
            log.appendVersion(next);
            write(() -> state.apply(next));
            LOG.info("event=schema_registered subject={} version={} id={}", subject, next.version(), next.id());
            return next.id();
        }
    }

    SchemaVersion lookup(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        return read(() -> {
            if (state.versions(subject).isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            return state.find(subject, schema)
                    .orElseThrow(() -> RegistryException.schemaNotFound("under subject '" + subject + "'"));
        });
    }

    Schema schemaById(int id) {
        return read(() -> state.schemaById(id)).orElseThrow(() -> RegistryException.schemaNotFound("id " + id));
    }

    List<String> subjects() {
        return read(state::subjects);
    }

    List<Integer> versionNumbers(String subject) {
        return existingVersions(subject).stream().map(SchemaVersion::version).toList();
    }

    /** {@code version} is a positive number or {@code latest}. */
    SchemaVersion version(String subject, String version) {
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
    boolean isCompatibleWithLatest(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        return read(() -> state.effectiveLevel(subject).allows(schema, schemas(subject)));
    }

    CompatibilityLevel globalLevel() {
        return read(state::globalLevel);
    }

    CompatibilityLevel setGlobalLevel(String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level);
        synchronized (writer) {
            log.appendConfig(Optional.empty(), parsed);
            write(() -> state.globalLevel(parsed));
        }
        LOG.info("event=compatibility_set scope=global level={}", parsed);
        return parsed;
    }

    CompatibilityLevel subjectLevel(String subject) {
        return read(() -> state.subjectLevel(subject)).orElseThrow(() -> new RegistryException(404,
                RegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' does not have subject-level compatibility configured"));
    }

    CompatibilityLevel setSubjectLevel(String subject, String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level);
        synchronized (writer) {
            log.appendConfig(Optional.of(subject), parsed);
            write(() -> state.subjectLevel(subject, parsed));
        }
        LOG.info("event=compatibility_set scope=subject subject={} level={}", subject, parsed);
        return parsed;
    }

    private List<SchemaVersion> existingVersions(String subject) {
        List<SchemaVersion> versions = read(() -> state.versions(subject));
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    /** Call with the state lock held. */
    private List<Schema> schemas(String subject) {
        return state.versions(subject).stream().map(SchemaVersion::schema).toList();
    }

    private <T> T read(Supplier<T> query) {
        Lock lock = stateLock.readLock();
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    private void write(Runnable change) {
        Lock lock = stateLock.writeLock();
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
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

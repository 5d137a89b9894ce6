package io.firebreak.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * Subjects, versions, global ids and compatibility settings, in memory. Not thread-safe: the registry
 * guards it with its single-writer lock. Ids are global like Confluent's: one schema has one id whatever
 * subject it is registered under.
 */
final class RegistryState {

    private final Map<String, List<SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    Optional<SchemaVersion> find(String subject, Schema schema) {
        return versions(subject).stream().filter(v -> v.schema().equals(schema)).findFirst();
    }

    /** The version {@code schema} would get if registered now under {@code subject}. */
    SchemaVersion next(String subject, Schema schema) {
        List<SchemaVersion> versions = versions(subject);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        int id = idsBySchema.getOrDefault(schema, maxId + 1);
        return new SchemaVersion(subject, version, id, schema);
    }

    void apply(SchemaVersion registered) {
        List<SchemaVersion> versions = subjects.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
        versions.removeIf(v -> v.version() == registered.version());
        versions.add(registered);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        idsBySchema.putIfAbsent(registered.schema(), registered.id());
        // a later record for the same id wins, as a replay of the log in order would have it
        schemasById.put(registered.id(), registered.schema());
        maxId = Math.max(maxId, registered.id());
    }

    List<SchemaVersion> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    Optional<Schema> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    void globalLevel(CompatibilityLevel level) {
        globalLevel = level;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    void subjectLevel(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    /** The level that applies to {@code subject}: its own, else the global one. */
    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}

package io.firebreak.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry that lives in one JVM's memory, for {@code TopologyTestDriver} tests where no broker (and so
 * no registry) runs. It gives ids like a real registry but checks no compatibility: tests of evolution
 * use the embedded registry.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    private String compatibility = "BACKWARD";

    @Override
    public synchronized int register(String subject, Schema schema) {
        int id = ids.computeIfAbsent(schema, s -> {
            schemas.add(s);
            return schemas.size();
        });
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Optional<Integer> lookup(String subject, Schema schema) {
        Integer id = ids.get(schema);
        return id != null && subjects.getOrDefault(subject, List.of()).contains(id) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("schema id " + id + " not found", 404, 40403, null);
        }
        return schemas.get(id - 1);
    }

    @Override
    public synchronized RegisteredSchema version(String subject, String version) {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException("subject " + subject + " not found", 404, 40401, null);
        }
        int index = "latest".equals(version) ? versions.size() : Integer.parseInt(version);
        if (index < 1 || index > versions.size()) {
            throw new SchemaRegistryException("subject " + subject + " has no version " + version, 404, 40402, null);
        }
        int id = versions.get(index - 1);
        return new RegisteredSchema(subject, index, id, schemas.get(id - 1));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return true;
    }

    @Override
    public synchronized String compatibility() {
        return compatibility;
    }

    @Override
    public synchronized void setCompatibility(String level) {
        this.compatibility = level;
    }
}

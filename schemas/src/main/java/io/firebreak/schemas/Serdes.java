package io.firebreak.schemas;

import io.firebreak.schemas.registry.SchemaRegistryClient;
import io.firebreak.schemas.serde.AvroSerde;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Value serdes for firebreak's topics, sharing one registry client (and its caches). */
public final class Serdes {

    private final SchemaRegistryClient registry;
    private final Map<Class<?>, AvroSerde<?>> byType = new ConcurrentHashMap<>();

    public Serdes(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) {
        return (Serde<V>) byType.computeIfAbsent(topic.valueType(), type -> new AvroSerde<>(registry, topic.valueType()));
    }

    public static Serde<String> key() {
        return org.apache.kafka.common.serialization.Serdes.String();
    }

    public SchemaRegistryClient registry() {
        return registry;
    }
}

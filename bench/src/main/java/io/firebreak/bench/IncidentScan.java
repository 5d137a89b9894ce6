package io.firebreak.bench;

import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record on {@code firebreak.incidents.v1} whose key (incident id) starts with a prefix, read with a plain
 * read_committed consumer from the beginning to the end offsets of the moment, within a time limit: per incident
 * the number of records, the byte length of the latest value (what a compacted topic keeps and a restore or a new
 * reader loads) and of the largest. The latest value is decoded as a generic Avro record with its writer schema from
 * the registry, so the scan does not depend on the {@code Incident} schema of this build.
 */
final class IncidentScan {

    /**
     * One incident's records; the rest comes from its latest value (empty if undecodable): {@code signals} is the length
     * of its signal list, {@code counted} the distinct signals it accounts for — {@code firingSignals + resolvedSignals}
     * where the record has those counts (the list is then a bounded sample), else the list's length.
     */
    record Incident(String id, int records, int latestBytes, int maxBytes, List<String> services, int signals, long counted,
                    String signalCounts) {
    }

    /** {@code complete} false: the time limit passed before the end offsets were reached. */
    record Result(Map<String, Incident> incidents, boolean complete, long recordsRead, long bytesRead) {
    }

    private IncidentScan() {
    }

    static Result scan(String bootstrapServers, String registryUrl, String keyPrefix, Duration limit) {
        Map<String, int[]> sizes = new HashMap<>(); // id → {records, latest bytes, max bytes}
        Map<String, byte[]> latest = new HashMap<>();
        AtomicLong read = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        boolean complete;
        ClientConfigs config = ClientConfigs.from(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        try (CompactedTopicReader<String, byte[]> reader = CompactedTopicReader.open(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.assignFromBeginning(List.of(Topics.INCIDENTS.name()), limit);
            complete = reader.readToEnd(records -> records.forEach(record -> {
                read.incrementAndGet();
                int length = record.value() == null ? 0 : record.value().length;
                bytes.addAndGet(length);
                if (record.key() != null && record.key().startsWith(keyPrefix)) {
                    int[] s = sizes.computeIfAbsent(record.key(), k -> new int[3]);
                    s[0]++;
                    s[1] = length;
                    s[2] = Math.max(s[2], length);
                    latest.put(record.key(), record.value());
                }
            }), limit, () -> true);
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(registryUrl);
        Map<String, Incident> incidents = new HashMap<>();
        sizes.forEach((id, s) -> incidents.put(id, decode(registry, id, s, latest.get(id))));
        return new Result(incidents, complete, read.get(), bytes.get());
    }

    private static Incident decode(RestSchemaRegistryClient registry, String id, int[] sizes, byte[] value) {
        try {
            // Confluent wire format: magic byte 0, schema id (big-endian int), Avro binary
            ByteBuffer buffer = ByteBuffer.wrap(value);
            if (buffer.get() != 0) {
                throw new IllegalArgumentException("not Confluent wire format");
            }
            Schema schema = registry.schemaById(buffer.getInt());
            GenericRecord incident = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            List<String> services = incident.get("services") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
            int signals = incident.get("signals") instanceof List<?> list ? list.size() : 0;
            boolean hasCounts = schema.getField("firingSignals") != null && schema.getField("resolvedSignals") != null;
            long firing = hasCounts ? ((Number) incident.get("firingSignals")).longValue() : signals;
            long resolved = hasCounts ? ((Number) incident.get("resolvedSignals")).longValue() : 0;
            String counts = hasCounts ? "firing " + firing + ", resolved " + resolved : "";
            return new Incident(id, sizes[0], sizes[1], sizes[2], services, signals, firing + resolved, counts);
        } catch (RuntimeException | java.io.IOException e) {
            return new Incident(id, sizes[0], sizes[1], sizes[2], List.of(), 0, 0, "undecodable: " + e.getMessage());
        }
    }
}

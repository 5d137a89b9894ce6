package io.firebreak.schemas.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An operator's {@code kafka.properties}: Kafka client settings (security.protocol, sasl.*, ssl.*, timeouts) every
 * producer, consumer, admin and streams client gets. The keys firebreak's guarantees rest on are refused, and values
 * that may be credentials never reach a log line or an error.
 */
public final class OperatorProperties {

    /** Each key firebreak sets itself, and why an operator's value would break a promise. */
    private static final Map<String, String> OWNED_BY_FIREBREAK = Map.ofEntries(
            Map.entry("bootstrap.servers", "set kafka.bootstrapServers instead"),
            Map.entry("application.id", "set kafka.applicationId instead"),
            Map.entry("state.dir", "set kafka.stateDir instead"),
            Map.entry("processing.guarantee", "exactly_once_v2 is what keeps a crash from losing or doubling a page"),
            Map.entry("isolation.level", "read_committed keeps records of aborted transactions from paging"),
            Map.entry("enable.idempotence", "idempotence keeps a producer's retries from doubling records"),
            Map.entry("acks", "acks=all keeps an acknowledged alert through a broker failure"),
            Map.entry("enable.auto.commit", "offsets are committed only after a record's work is acknowledged"),
            Map.entry("transactional.id", "derived from kafka.instanceId; two instances must never share one"),
            Map.entry("group.id", "each client's consumer group is part of its job"),
            Map.entry("group.instance.id", "derived per client from kafka.instanceId"),
            Map.entry("client.id", "firebreak names each client; one shared id would mix their metrics and quotas"),
            Map.entry("key.serializer", "firebreak's topics have fixed serdes"),
            Map.entry("value.serializer", "firebreak's topics have fixed serdes"),
            Map.entry("key.deserializer", "firebreak's topics have fixed serdes"),
            Map.entry("value.deserializer", "firebreak's topics have fixed serdes"),
            Map.entry("default.key.serde", "firebreak's topics have fixed serdes"),
            Map.entry("default.value.serde", "firebreak's topics have fixed serdes"));

    /** Kafka Streams passes a setting behind one of these prefixes to one kind of its clients only: refused alike. */
    private static final List<String> STREAMS_CLIENT_PREFIXES = List.of("producer.", "consumer.", "main.consumer.", "restore.consumer.",
            "global.consumer.", "admin.");

    private static final List<String> SECRET_MARKERS = List.of("password", "secret", "sasl.jaas.config", "key", "token");

    private OperatorProperties() {
    }

    /**
     * {@code properties} unchanged, or an {@link IllegalArgumentException} naming the first key firebreak owns (the
     * message never carries a value).
     */
    public static Map<String, String> check(Map<String, String> properties) {
        for (String key : new TreeMap<>(properties).keySet()) {
            if (properties.get(key) == null) {
                throw new IllegalArgumentException("kafka.properties: '" + key + "' has no value");
            }
            String reason = OWNED_BY_FIREBREAK.get(unprefixed(key));
            if (reason != null) {
                throw new IllegalArgumentException("kafka.properties: '" + key + "' is set by firebreak and cannot be overridden ("
                        + reason + ")");
            }
        }
        return properties;
    }

    /** Whether the value of {@code key} may be a credential (a password, a JAAS line, a key, a token). */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /** {@code properties} fit for a log line: every value that may be a credential replaced by {@code <redacted>}. */
    public static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> shown = new LinkedHashMap<>();
        new TreeMap<>(properties).forEach((key, value) -> shown.put(key, isSecret(key) ? "<redacted>" : value));
        return shown;
    }

    private static String unprefixed(String key) {
        return STREAMS_CLIENT_PREFIXES.stream().filter(key::startsWith).findFirst().map(prefix -> key.substring(prefix.length())).orElse(key);
    }
}

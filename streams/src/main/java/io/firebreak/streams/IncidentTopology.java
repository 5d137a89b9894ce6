package io.firebreak.streams;

import io.firebreak.events.Incident;
import io.firebreak.events.SignalRef;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.serde.AvroSerde;
import io.firebreak.streams.correlation.CorrelationProcessor;
import io.firebreak.streams.dedup.SignalDedupProcessor;
import io.firebreak.streams.routing.Router;
import io.firebreak.streams.routing.RoutingProcessor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The correlation topology, read top to bottom:
 * <pre>
 * firebreak.signals.v1 (key cluster)
 *   → dedup      (drop repeats by fingerprint)                       store: signal-dedup
 *   → correlate  (group into incidents, ids, severity, timeline)     stores: incident-groups, incidents, incident-sequences
 *   → route      (page new receivers once, record pagedReceivers)    store: incidents (shared)
 *   → firebreak.incidents.v1 (key incident id) + firebreak.notify.&lt;channel&gt;.v1 (key incident id)
 * </pre>
 * Everything is one sub-topology keyed by cluster, so a cluster's correlation state lives in one task and one
 * cluster's storm never waits on another's partition.
 */
public final class IncidentTopology {

    public static final String DEDUP_STORE = "firebreak-signal-dedup";
    public static final String GROUP_STORE = "firebreak-incident-groups";
    public static final String INCIDENT_STORE = "firebreak-incidents";
    public static final String SEQUENCE_STORE = "firebreak-incident-sequences";

    private static final String SOURCE = "signals";
    private static final String DEDUP = "dedup";
    private static final String CORRELATE = "correlate";
    private static final String ROUTE = "route";
    private static final String INCIDENT_SINK = "incidents-sink";

    private IncidentTopology() {
    }

    public static Topology build(CorrelationSettings settings, Serdes serdes) {
        Map<String, String> sinkByChannel = new LinkedHashMap<>();
        for (String channel : new TreeSet<>(settings.routes().channelByReceiver().values())) {
            Topics.notify(channel); // fails fast, naming the channel, when a receiver maps to no topic
            sinkByChannel.put(channel, "notify-" + channel + "-sink");
        }
        Serde<String> key = Serdes.key();
        Serde<Incident> incidentSerde = serdes.value(Topics.INCIDENTS);
        Router router = new Router(settings.routes());
        CorrelationProcessor.Stores correlationStores = new CorrelationProcessor.Stores(GROUP_STORE, INCIDENT_STORE, SEQUENCE_STORE);

        Topology topology = new Topology();
        topology.addSource(SOURCE, key.deserializer(), serdes.value(Topics.SIGNALS).deserializer(), Topics.SIGNALS.name());
        topology.addProcessor(DEDUP,
                () -> new SignalDedupProcessor(DEDUP_STORE, settings.retention(), settings.purgeInterval()), SOURCE);
        topology.addProcessor(CORRELATE,
                () -> new CorrelationProcessor(correlationStores, settings.groupBy(), settings.retention(), settings.purgeInterval()), DEDUP);
        topology.addProcessor(ROUTE,
                () -> new RoutingProcessor(INCIDENT_STORE, INCIDENT_SINK, sinkByChannel, router), CORRELATE);

        topology.addStateStore(store(DEDUP_STORE, key, new AvroSerde<>(serdes.registry(), SignalRef.class)), DEDUP);
        topology.addStateStore(store(GROUP_STORE, key, org.apache.kafka.common.serialization.Serdes.String()), CORRELATE);
        topology.addStateStore(store(INCIDENT_STORE, key, incidentSerde), CORRELATE, ROUTE);
        topology.addStateStore(store(SEQUENCE_STORE, key, org.apache.kafka.common.serialization.Serdes.Long()), CORRELATE);

        topology.addSink(INCIDENT_SINK, Topics.INCIDENTS.name(), key.serializer(), incidentSerde.serializer(), ROUTE);
        sinkByChannel.forEach((channel, sink) -> topology.addSink(sink, Topics.notify(channel).name(),
                key.serializer(), serdes.value(Topics.notify(channel)).serializer(), ROUTE));
        return topology;
    }

    /** Persistent (RocksDB) and changelogged, so a restarted or moved task restores its state from Kafka. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<String> key, Serde<V> value) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), key, value);
    }

    /** Streams settings with replication factor 1 (single broker: standalone and tests). */
    public static Properties streamsProperties(String bootstrapServers, String applicationId, Path stateDir) {
        return streamsProperties(bootstrapServers, applicationId, stateDir, 1);
    }

    /**
     * exactly_once_v2: the signal's offset, the state changes and the emitted incident and pages commit
     * together, so a crash neither loses nor doubles a page. A 100 ms commit interval keeps the delay until
     * a read_committed notifier sees a page short.
     */
    public static Properties streamsProperties(String bootstrapServers, String applicationId, Path stateDir, int replicationFactor) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.StringSerde.class);
        // a poison record (not Avro, unknown schema id) is logged and skipped: it must not stall the cluster's incidents
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        return props;
    }
}

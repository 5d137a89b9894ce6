package io.firebreak.streams;

import io.firebreak.core.channel.Channel;
import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import io.firebreak.events.SignalRef;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.StreamsDefaults;
import io.firebreak.schemas.kafka.errors.SizeGuard;
import io.firebreak.schemas.serde.AvroSerde;
import io.firebreak.streams.correlation.GlobalLoader;
import io.firebreak.streams.correlation.IncidentInput;
import io.firebreak.streams.correlation.IncidentProcessor;
import io.firebreak.streams.correlation.Wrap;
import io.firebreak.streams.dedup.FlapDetector;
import io.firebreak.streams.dedup.SignalDedupProcessor;
import io.firebreak.streams.routing.Router;
import io.firebreak.streams.state.StoreVersion;
import io.firebreak.streams.state.WriteBackStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The correlation topology, read top to bottom:
 * <pre>
 * firebreak.signals.v1 (key cluster) → dedup (repeats dropped, flapping judged)   stores: signal-dedup (also each
 *                                           signal's state in its incident), signal-flips
 * firebreak.changes.v1 (key cluster) ─┐
 * firebreak.rca.v1     (key cluster) ─┼→ incidents (correlate, enrich, lifecycle, route)
 * firebreak.actions.v1 (key cluster) ─┤
 * firebreak.deliveries.v1 (key incident id, partition of its cluster) ─┘ (receipts: a page is PAGED once accepted)
 *                                           stores: incident-groups, incidents (also read by dedup), incident-sequences,
 *                                                   incident-signals (earlier versions', only read),
 *                                                   changes, rca-reports, service-edges, pending-release, recovery-watch,
 *                                                   awaiting-postmortem, held-updates, pending-triggers; global: burn (firebreak.burn.v1),
 *                                                   postmortems (firebreak.postmortems.v1), maintenance (firebreak.maintenance.v1)
 *   → firebreak.incidents.v1 (key incident id) + firebreak.notify.&lt;channel&gt;.v1 (key incident id)
 *   + firebreak.incident-signals.v1 (key incident id|fingerprint)
 * </pre>
 * Everything is one sub-topology keyed by cluster, so a cluster's correlation state lives in one task and one
 * cluster's storm never waits on another's partition. The inputs must therefore have the same partition
 * count (co-partitioned by cluster). Burn rates (keyed by SLO) and postmortems (keyed by incident id) are
 * not keyed by cluster, so they are read as global stores rather than repartitioned. Kafka Streams does not
 * check this (no join), so the app calls {@link #requireCopartitioned} at start-up.
 */
public final class IncidentTopology {

    public static final String DEDUP_STORE = "firebreak-signal-dedup";
    public static final String FLAP_STORE = "firebreak-signal-flips";
    public static final String GROUP_STORE = "firebreak-incident-groups";
    public static final String INCIDENT_STORE = "firebreak-incidents";
    public static final String SEQUENCE_STORE = "firebreak-incident-sequences";
    public static final String SIGNAL_STORE = "firebreak-incident-signals";
    public static final String HELD_STORE = "firebreak-held-updates";
    public static final String CHANGE_STORE = "firebreak-changes";
    public static final String RCA_STORE = "firebreak-rca-reports";
    public static final String EDGE_STORE = "firebreak-service-edges";
    public static final String PENDING_STORE = "firebreak-pending-release";
    public static final String RECOVERY_STORE = "firebreak-recovery-watch";
    public static final String POSTMORTEM_WAIT_STORE = "firebreak-awaiting-postmortem";
    public static final String TRIGGER_WAIT_STORE = "firebreak-pending-triggers";
    public static final String BURN_STORE = "firebreak-burn";
    public static final String POSTMORTEM_STORE = "firebreak-postmortems";
    public static final String MAINTENANCE_STORE = "firebreak-maintenance";

    /**
     * Incidents held as objects per task, changed within one commit and again read recently: at most this many and
     * {@link #HOT_INCIDENT_BYTES} (serialized) each, see {@link WriteBackStore}.
     */
    static final int HOT_INCIDENTS = 512;
    /** 8 MiB: all 512 when storm incidents are a few KiB each, 32 when every one is at the record's 256 KiB cap. */
    static final long HOT_INCIDENT_BYTES = 8L << 20;

    private static final String DEDUP = "dedup";
    private static final String INCIDENTS = "incidents";
    private static final String INCIDENT_SINK = "incidents-sink";
    private static final String SIGNAL_SINK = "incident-signals-sink";

    private IncidentTopology() {
    }

    public static Topology build(CorrelationSettings settings, Serdes serdes) {
        Map<String, String> sinkByChannel = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            sinkByChannel.put(channel.id(), "notify-" + channel.id() + "-sink");
        }
        Serde<String> key = Serdes.key();
        // bounded below Kafka's record limit: an incident Kafka would refuse must cost one update, not the task (SizeGuard)
        Serde<Incident> incidentSerde = SizeGuard.bounded(serdes.value(Topics.INCIDENTS), SizeGuard.DEFAULT_MAX_VALUE_BYTES);
        Router router = new Router(settings.routes(), settings.incidentUrlBase());
        IncidentProcessor.Stores stores = new IncidentProcessor.Stores(GROUP_STORE, INCIDENT_STORE, SEQUENCE_STORE, SIGNAL_STORE,
                CHANGE_STORE, RCA_STORE, EDGE_STORE, PENDING_STORE, RECOVERY_STORE, POSTMORTEM_WAIT_STORE, TRIGGER_WAIT_STORE, HELD_STORE,
                BURN_STORE, POSTMORTEM_STORE, MAINTENANCE_STORE);
        IncidentProcessor.Sinks sinks = new IncidentProcessor.Sinks(INCIDENT_SINK, SIGNAL_SINK, sinkByChannel);
        Serde<String> strings = org.apache.kafka.common.serialization.Serdes.String();
        Serde<Long> longs = org.apache.kafka.common.serialization.Serdes.Long();
        // the burn table changes every SLO evaluation; signals read it thousands of times in between
        StoreVersion burnVersion = new StoreVersion();
        StoreVersion maintenanceVersion = new StoreVersion();
        IncidentProcessor.GlobalVersions versions = new IncidentProcessor.GlobalVersions(burnVersion, maintenanceVersion);

        Topology topology = new Topology();
        topology.addSource("signals", key.deserializer(), serdes.value(Topics.SIGNALS).deserializer(), Topics.SIGNALS.name());
        topology.addSource("changes", key.deserializer(), serdes.value(Topics.CHANGES).deserializer(), Topics.CHANGES.name());
        topology.addSource("rca", key.deserializer(), serdes.value(Topics.RCA).deserializer(), Topics.RCA.name());
        topology.addSource("actions", key.deserializer(), serdes.value(Topics.ACTIONS).deserializer(), Topics.ACTIONS.name());
        topology.addSource("deliveries", key.deserializer(), serdes.value(Topics.DELIVERIES).deserializer(), Topics.DELIVERIES.name());
        topology.addProcessor(DEDUP, () -> new SignalDedupProcessor(DEDUP_STORE, FLAP_STORE, INCIDENT_STORE, settings.retention(),
                settings.purgeInterval(), new FlapDetector(settings.flappingFlips(), settings.flappingWithin())), "signals");
        topology.addProcessor("wrap-changes", () -> new Wrap<ChangeEvent>(IncidentInput.ChangeInput::new), "changes");
        topology.addProcessor("wrap-rca", () -> new Wrap<RcaReport>(IncidentInput.RcaInput::new), "rca");
        topology.addProcessor("wrap-actions", () -> new Wrap<LifecycleCommand>(IncidentInput.CommandInput::new), "actions");
        topology.addProcessor("wrap-deliveries", () -> new Wrap<DeliveryReceipt>(IncidentInput.ReceiptInput::new), "deliveries");
        topology.addProcessor(INCIDENTS, () -> new IncidentProcessor(stores, versions, settings, router, sinks),
                DEDUP, "wrap-changes", "wrap-rca", "wrap-actions", "wrap-deliveries");

        topology.addStateStore(store(DEDUP_STORE, key, new AvroSerde<>(serdes.registry(), SignalRef.class)), DEDUP);
        topology.addStateStore(store(FLAP_STORE, key, strings), DEDUP);
        topology.addStateStore(small(GROUP_STORE, key, strings), INCIDENTS);
        // written back once per commit: a storm changes one incident many times per commit (WriteBackStore); dedup's
        // sweep keeps the entries of the signals of incidents still here
        topology.addStateStore(WriteBackStore.builder(Stores.persistentKeyValueStore(INCIDENT_STORE), key, incidentSerde,
                HOT_INCIDENTS, HOT_INCIDENT_BYTES), INCIDENTS, DEDUP);
        topology.addStateStore(small(SEQUENCE_STORE, key, longs), INCIDENTS);
        // no longer written: a signal's state in its incident is its dedup entry; read for the incidents it still holds
        topology.addStateStore(store(SIGNAL_STORE, key, new AvroSerde<>(serdes.registry(), SignalRef.class)), INCIDENTS);
        topology.addStateStore(small(HELD_STORE, key, strings), INCIDENTS);
        topology.addStateStore(small(CHANGE_STORE, key, serdes.value(Topics.CHANGES)), INCIDENTS);
        topology.addStateStore(small(RCA_STORE, key, serdes.value(Topics.RCA)), INCIDENTS);
        topology.addStateStore(small(EDGE_STORE, key, longs), INCIDENTS);
        topology.addStateStore(small(PENDING_STORE, key, longs), INCIDENTS);
        topology.addStateStore(small(RECOVERY_STORE, key, longs), INCIDENTS);
        topology.addStateStore(small(POSTMORTEM_WAIT_STORE, key, longs), INCIDENTS);
        topology.addStateStore(small(TRIGGER_WAIT_STORE, key, longs), INCIDENTS);
        // global stores restore from their topic, so they keep no changelog of their own
        topology.addGlobalStore(store(BURN_STORE, key, serdes.value(Topics.BURN)).withLoggingDisabled(), "burn",
                key.deserializer(), serdes.value(Topics.BURN).deserializer(), Topics.BURN.name(), "burn-loader",
                () -> new GlobalLoader<BurnRate>(BURN_STORE, burnVersion));
        topology.addGlobalStore(store(POSTMORTEM_STORE, key, serdes.value(Topics.POSTMORTEMS)).withLoggingDisabled(), "postmortems",
                key.deserializer(), serdes.value(Topics.POSTMORTEMS).deserializer(), Topics.POSTMORTEMS.name(), "postmortem-loader",
                () -> new GlobalLoader<Postmortem>(POSTMORTEM_STORE, new StoreVersion()));
        topology.addGlobalStore(store(MAINTENANCE_STORE, key, serdes.value(Topics.MAINTENANCE)).withLoggingDisabled(), "maintenance",
                key.deserializer(), serdes.value(Topics.MAINTENANCE).deserializer(), Topics.MAINTENANCE.name(), "maintenance-loader",
                () -> new GlobalLoader<MaintenanceWindow>(MAINTENANCE_STORE, maintenanceVersion));

        topology.addSink(INCIDENT_SINK, Topics.INCIDENTS.name(), key.serializer(), incidentSerde.serializer(), INCIDENTS);
        topology.addSink(SIGNAL_SINK, Topics.INCIDENT_SIGNALS.name(), key.serializer(),
                SizeGuard.bounded(serdes.value(Topics.INCIDENT_SIGNALS).serializer(), SizeGuard.DEFAULT_MAX_VALUE_BYTES),
                INCIDENTS);
        sinkByChannel.forEach((channel, sink) -> topology.addSink(sink, Topics.notify(channel).name(),
                key.serializer(), SizeGuard.bounded(serdes.value(Topics.notify(channel)).serializer(), SizeGuard.DEFAULT_MAX_VALUE_BYTES),
                INCIDENTS));
        return topology;
    }

    /**
     * The inputs partitioned by cluster that feed the one incident sub-topology (see the class comment). Receipts are
     * keyed by incident id but written to their cluster's partition (ReceiptRecords).
     */
    public static final List<Topic<?>> CLUSTER_KEYED_INPUTS = List.of(Topics.SIGNALS, Topics.CHANGES, Topics.RCA, Topics.ACTIONS,
            Topics.DELIVERIES);

    /**
     * Start-up check that {@link #CLUSTER_KEYED_INPUTS} exist and are co-partitioned. Kafka Streams checks
     * co-partitioning only for joins; this topology merges the four inputs into one processor without a
     * join, so a topic with a different partition count would run silently and split a cluster's state
     * across tasks. Call it before {@code KafkaStreams.start()}.
     *
     * @throws IllegalStateException naming the topics and their counts when a topic is missing or the counts differ
     */
    public static void requireCopartitioned(Admin admin) {
        List<String> names = CLUSTER_KEYED_INPUTS.stream().map(Topic::name).toList();
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the input topics " + names + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out describing the input topics " + names, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing the input topics " + names, e);
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        described.forEach((name, description) -> partitions.put(name, description.partitions().size()));
        Copartitioning.requireEqual(partitions);
    }

    /** Persistent (RocksDB) and changelogged, so a restarted or moved task restores its state from Kafka. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<String> key, Serde<V> value) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), key, value);
    }

    /**
     * On the heap and changelogged, for the stores that hold one small entry per open incident, service, learned edge
     * or recent change (all dropped by the retention sweep). Every RocksDB store costs a restart after kill -9 twice:
     * Kafka Streams 4.4 opens each one in its start-up pass, finds it without a checkpoint, closes it, and the stream
     * thread opens it again. A heap store instead reads its compacted changelog, a few records per partition. The
     * changelog topic is named after the store either way, so switching keeps existing state.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> small(String name, Serde<String> key, Serde<V> value) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), key, value);
    }

    /** Streams settings with replication factor 1 (single broker: standalone and tests). */
    public static Properties streamsProperties(String bootstrapServers, String applicationId, Path stateDir) {
        return streamsProperties(bootstrapServers, applicationId, stateDir, 1);
    }

    /**
     * The shared {@link StreamsDefaults}, inputs that fail parked on {@link Topics#CORRELATION_DLQ}, and a task that
     * never waits for its idle inputs. A task reads five topics and a storm fills one of them; with any other
     * {@code max.task.idle.ms} Kafka Streams asks, for every record, whether the four empty ones might still bring
     * something older, and formats a log line per empty partition while doing so (7 % of the correlation's CPU in a
     * storm, JFR). Nothing here needs that ordering: a change or RCA report that arrives after the signals it explains
     * is attached to the open incidents then ({@link io.firebreak.streams.correlation.EvidenceAttachment}), within the
     * enrichment wait before a page.
     */
    public static Properties streamsProperties(String bootstrapServers, String applicationId, Path stateDir, int replicationFactor) {
        Properties props = StreamsDefaults.properties(bootstrapServers, applicationId, stateDir, replicationFactor, Topics.CORRELATION_DLQ);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        return props;
    }
}

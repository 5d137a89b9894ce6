package io.firebreak.streams;

import io.firebreak.core.channel.Channel;
import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The real topology on a TopologyTestDriver, with typed topics and collected outputs. */
final class TopologyHarness implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Signal> signals;
    private final TestInputTopic<String, byte[]> rawSignals;
    private final TestInputTopic<String, ChangeEvent> changes;
    private final TestInputTopic<String, RcaReport> rca;
    private final TestInputTopic<String, LifecycleCommand> actions;
    private final TestInputTopic<String, BurnRate> burn;
    private final TestInputTopic<String, Postmortem> postmortems;
    private final TestInputTopic<String, MaintenanceWindow> maintenance;
    private final TestInputTopic<String, DeliveryReceipt> deliveries;
    /**
     * Every TRIGGER is answered at once with a "delivered" receipt, as the notifiers do when the receivers accept:
     * the rule tests see PAGED / WAR_ROOM_OPEN as soon as routing sends the pages. Paging tests turn it off.
     */
    private final boolean receiversAccept;
    private final TestOutputTopic<String, Incident> incidentTopic;
    private final TestOutputTopic<String, IncidentSignal> signalTopic;
    private final Map<String, IncidentSignal> signalsByKey = new LinkedHashMap<>();
    private final Map<String, TestOutputTopic<String, Notification>> notifyTopics = new LinkedHashMap<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final Map<String, List<Notification>> notifications = new LinkedHashMap<>();

    /** Defaults, but notifications go out at once (no enrichment wait), as most tests look at routing. */
    TopologyHarness() {
        this(CorrelationSettingsBuilder.defaults().enrichmentWait(java.time.Duration.ZERO));
    }

    /**
     * Every change published at once ({@code updateInterval} 0): the rule tests read each version. The throttle of a
     * storm's routine changes is tested on its own, with {@link #throttled}.
     */
    TopologyHarness(CorrelationSettingsBuilder settings) {
        this(settings.updateInterval(java.time.Duration.ZERO).build(), true);
    }

    /** Every change published at once, and no receiver answers: receipts are piped by the test ({@link #receipt}). */
    static TopologyHarness silentReceivers(CorrelationSettingsBuilder settings) {
        return new TopologyHarness(settings.updateInterval(java.time.Duration.ZERO).build(), false);
    }

    /** The settings as given, the update interval included. */
    static TopologyHarness throttled(CorrelationSettingsBuilder settings) {
        return new TopologyHarness(settings.build(), true);
    }

    private TopologyHarness(CorrelationSettings settings, boolean receiversAccept) {
        this.receiversAccept = receiversAccept;
        Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("firebreak-streams-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // wall clock starts at the test's T0, so wall-clock stamps (enrichment deadline, recovery) line up with record times
        driver = new TopologyTestDriver(IncidentTopology.build(settings, serdes),
                IncidentTopology.streamsProperties("unused:9092", "firebreak-streams-test", stateDir), Signals.T0);
        changes = driver.createInputTopic(Topics.CHANGES.name(), Serdes.key().serializer(), serdes.value(Topics.CHANGES).serializer());
        rca = driver.createInputTopic(Topics.RCA.name(), Serdes.key().serializer(), serdes.value(Topics.RCA).serializer());
        actions = driver.createInputTopic(Topics.ACTIONS.name(), Serdes.key().serializer(), serdes.value(Topics.ACTIONS).serializer());
        burn = driver.createInputTopic(Topics.BURN.name(), Serdes.key().serializer(), serdes.value(Topics.BURN).serializer());
        deliveries = driver.createInputTopic(Topics.DELIVERIES.name(), Serdes.key().serializer(), serdes.value(Topics.DELIVERIES).serializer());
        postmortems = driver.createInputTopic(Topics.POSTMORTEMS.name(), Serdes.key().serializer(), serdes.value(Topics.POSTMORTEMS).serializer());
        maintenance = driver.createInputTopic(Topics.MAINTENANCE.name(), Serdes.key().serializer(),
                serdes.value(Topics.MAINTENANCE).serializer());
        signals = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.key().serializer(), serdes.value(Topics.SIGNALS).serializer());
        rawSignals = driver.createInputTopic(Topics.SIGNALS.name(), Serdes.key().serializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        incidentTopic = driver.createOutputTopic(Topics.INCIDENTS.name(), Serdes.key().deserializer(), serdes.value(Topics.INCIDENTS).deserializer());
        signalTopic = driver.createOutputTopic(Topics.INCIDENT_SIGNALS.name(), Serdes.key().deserializer(),
                serdes.value(Topics.INCIDENT_SIGNALS).deserializer());
        for (Channel channel : Channel.values()) {
            notifyTopics.put(channel.id(), driver.createOutputTopic(Topics.notify(channel).name(), Serdes.key().deserializer(),
                    serdes.value(Topics.notify(channel)).deserializer()));
            notifications.put(channel.id(), new ArrayList<>());
        }
    }

    /** Pipes a signal keyed by its cluster, at the signal's receivedAt, and collects every output. */
    TopologyHarness send(Signal signal) {
        return send(signal, signal.getReceivedAt());
    }

    TopologyHarness send(Signal signal, Instant at) {
        return pipe(signals, signal.getCluster(), signal, at);
    }

    TopologyHarness change(ChangeEvent change, Instant at) {
        return pipe(changes, change.getCluster(), change, at);
    }

    TopologyHarness rca(RcaReport report, Instant at) {
        return pipe(rca, report.getCluster(), report, at);
    }

    TopologyHarness command(LifecycleCommand command, Instant at) {
        return pipe(actions, command.getCluster(), command, at);
    }

    TopologyHarness burn(BurnRate rate, Instant at) {
        return pipe(burn, rate.getSlo(), rate, at);
    }

    /** A notifier's receipt, keyed by incident id as the notifiers key it. */
    TopologyHarness receipt(DeliveryReceipt receipt) {
        return pipe(deliveries, receipt.getIncidentId(), receipt, receipt.getAt());
    }

    TopologyHarness postmortem(Postmortem postmortem, Instant at) {
        return pipe(postmortems, postmortem.getIncidentId(), postmortem, at);
    }

    TopologyHarness maintenance(MaintenanceWindow window, Instant at) {
        return pipe(maintenance, window.getId(), window, at);
    }

    /** Pipes one record keyed as its producer keys it, and collects every output. */
    private <V> TopologyHarness pipe(TestInputTopic<String, V> topic, String key, V value, Instant at) {
        topic.pipeInput(new TestRecord<>(key, value, at));
        drain();
        return this;
    }

    /** Moves the wall clock (enrichment deadline, automatic recovery, postmortem pickup run on it). */
    TopologyHarness advance(java.time.Duration by) {
        driver.advanceWallClockTime(by);
        drain();
        return this;
    }

    Incident latest(String id) {
        return latest().get(id);
    }

    /** The latest version of the only incident. */
    Incident only() {
        Map<String, Incident> latest = latest();
        if (latest.size() != 1) {
            throw new AssertionError("expected one incident, got " + latest.keySet());
        }
        return latest.values().iterator().next();
    }

    /** Pipes bytes that are not a Signal, as a broken producer would. */
    TopologyHarness sendRaw(String key, byte[] value) {
        rawSignals.pipeInput(key, value);
        drain();
        return this;
    }

    /** The latest state of every signal of every incident published so far, by key ({@code <incident id>|<fingerprint>}). */
    Map<String, IncidentSignal> incidentSignals() {
        return Map.copyOf(signalsByKey);
    }

    /** What the correlation keeps of one signal (its dedup entry, also its state in the incident it names), if anything. */
    Optional<SignalRef> storedSignal(String cluster, String fingerprint) {
        KeyValueStore<String, SignalRef> store = driver.getKeyValueStore(IncidentTopology.DEDUP_STORE);
        return Optional.ofNullable(store.get(cluster + "|" + fingerprint));
    }

    /** The dedup store (key {@code cluster|fingerprint}), to put what an earlier version left behind. */
    KeyValueStore<String, SignalRef> dedupStore() {
        return driver.getKeyValueStore(IncidentTopology.DEDUP_STORE);
    }

    /** When the wall-clock tick looks at the incident's unaccepted first notifications again; empty: it does not. */
    Optional<Long> acceptanceRecheck(String incidentId) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(IncidentTopology.TRIGGER_WAIT_STORE);
        return Optional.ofNullable(store.get(incidentId));
    }

    /** The incident-signals store of earlier versions, to put what such a version left behind. */
    KeyValueStore<String, SignalRef> earlierSignalStore() {
        return driver.getKeyValueStore(IncidentTopology.SIGNAL_STORE);
    }

    private void drain() {
        List<Notification> triggers = new ArrayList<>();
        do {
            triggers.clear();
            collect(triggers);
            for (Notification trigger : triggers) {
                deliveries.pipeInput(new TestRecord<>(trigger.getIncidentId(), accepted(trigger), trigger.getAt()));
            }
        } while (!triggers.isEmpty());
    }

    /** The receipt of a notifier whose receiver accepted {@code n} at the first attempt. */
    static DeliveryReceipt accepted(Notification n) {
        return DeliveryReceipt.newBuilder().setNotificationId(n.getId()).setIncidentId(n.getIncidentId()).setChannel(n.getChannel())
                .setReceiver(n.getReceiver()).setKind(n.getKind()).setOutcome("delivered").setHttpStatus(202)
                .setRef(n.getIncidentId()).setAttempts(1).setAt(n.getAt()).build();
    }

    private void collect(List<Notification> triggers) {
        for (TestRecord<String, IncidentSignal> record : signalTopic.readRecordsToList()) {
            String expectedKey = record.value().getIncidentId() + "|" + record.value().getSignal().getFingerprint();
            if (!record.key().equals(expectedKey)) {
                throw new AssertionError("incident signal keyed " + record.key() + ", expected " + expectedKey);
            }
            signalsByKey.put(record.key(), record.value());
        }
        for (TestRecord<String, Incident> record : incidentTopic.readRecordsToList()) {
            if (!record.key().equals(record.value().getId())) {
                throw new AssertionError("incident keyed " + record.key() + " but has id " + record.value().getId());
            }
            incidents.add(record.value());
        }
        notifyTopics.forEach((channel, topic) -> {
            for (TestRecord<String, Notification> record : topic.readRecordsToList()) {
                if (!record.key().equals(record.value().getIncidentId())) {
                    throw new AssertionError("notification keyed " + record.key() + " for incident " + record.value().getIncidentId());
                }
                notifications.get(channel).add(record.value());
                if (receiversAccept && record.value().getKind() == NotificationKind.TRIGGER) {
                    triggers.add(record.value());
                }
            }
        });
    }

    /** Every incident version emitted so far, in order. */
    List<Incident> incidents() {
        return List.copyOf(incidents);
    }

    /** The latest version of each incident, by id. */
    Map<String, Incident> latest() {
        Map<String, Incident> latest = new LinkedHashMap<>();
        incidents.forEach(incident -> latest.put(incident.getId(), incident));
        return latest;
    }

    List<Notification> notifications(String channel) {
        return List.copyOf(notifications.get(channel));
    }

    List<String> receivers(String channel) {
        return notifications.get(channel).stream().map(Notification::getReceiver).toList();
    }

    int notificationCount() {
        return notifications.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}

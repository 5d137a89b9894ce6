package io.firebreak.app.view;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.Postmortem;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import io.firebreak.schemas.registry.SchemaRegistryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's read model: every incident (latest version), its signals, its delivery receipts and its latest
 * postmortem, built by reading the four compacted topics from the beginning. Every API instance holds the whole view, so
 * any instance can answer any query without routing to the streams instance that owns the incident — and
 * closed incidents, which the correlation topology drops from its state after retention, stay visible.
 */
public final class IncidentView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentView.class);
    private static final int MAX_DELIVERIES_PER_INCIDENT = 200;

    private final CompactedTopicReader<String, byte[]> reader;
    private final Deserializer<Incident> incidents;
    private final Deserializer<DeliveryReceipt> receipts;
    private final Deserializer<Postmortem> postmortems;
    private final Deserializer<IncidentSignal> incidentSignals;
    /** Per incident, its signals by fingerprint, on disk: sorted, so pages are stable and a cursor is the last fingerprint. */
    private final SignalIndex signals;
    private final Map<String, Incident> incidentsById = new ConcurrentHashMap<>();
    private final Map<String, List<DeliveryReceipt>> deliveriesByIncident = new ConcurrentHashMap<>();
    private final Map<String, Postmortem> postmortemsById = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean caughtUp;

    private final Consumer<Postmortem> onPostmortem;
    private final Duration history;
    private final Clock clock;
    private Instant nextSweep = Instant.EPOCH;

    /**
     * @param onPostmortem called for every postmortem read (also those replayed at start), on the view's thread
     * @param history      how long closed incidents (and postmortems) stay in the view after their last change: the
     *                     compacted topics keep everything forever, memory must not
     * @param signalsDir   a directory of this instance's own for the incidents' signals ({@link SignalIndex}): emptied
     *                     now, filled again from the topic
     * @param rocksDb      the process's bound of RocksDB memory ({@code kafka.rocksdb}), which the signals count in
     */
    public IncidentView(Map<String, Object> kafkaConfig, Serdes serdes, Consumer<Postmortem> onPostmortem, Duration history, Clock clock,
                        Path signalsDir, BoundedRocksDbMemory.Sizes rocksDb) {
        this.onPostmortem = onPostmortem;
        this.history = history;
        this.clock = clock;
        this.reader = CompactedTopicReader.open(ClientConfigs.from(kafkaConfig).clientId("firebreak-incident-view"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.incidents = serdes.value(Topics.INCIDENTS).deserializer();
        this.receipts = serdes.value(Topics.DELIVERIES).deserializer();
        this.postmortems = serdes.value(Topics.POSTMORTEMS).deserializer();
        this.incidentSignals = serdes.value(Topics.INCIDENT_SIGNALS).deserializer();
        this.thread = new Thread(this::run, "firebreak-incident-view");
        this.thread.setDaemon(true);
        try {
            this.signals = SignalIndex.open(signalsDir, rocksDb);
        } catch (RuntimeException e) {
            reader.close(Duration.ZERO); // the instance fails to start: its consumer must not linger
            throw e;
        }
    }

    public void start() {
        reader.assignFromBeginning(List.of(Topics.INCIDENTS.name(), Topics.INCIDENT_SIGNALS.name(), Topics.DELIVERIES.name(),
                Topics.POSTMORTEMS.name()), Duration.ofSeconds(30));
        nextSweep = clock.instant().plusSeconds(60);
        running.set(true);
        thread.start();
    }

    /** True once everything that was on the topics at start has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** False when the reading thread stopped on an error: the view no longer follows the topics. */
    public boolean reading() {
        return thread.isAlive();
    }

    public Optional<Incident> incident(String id) {
        return Optional.ofNullable(incidentsById.get(id));
    }

    /** Incidents, most recently updated first. */
    public List<Incident> incidents() {
        List<Incident> all = new ArrayList<>(incidentsById.values());
        all.sort(Comparator.comparing(Incident::getUpdatedAt).reversed().thenComparing(Incident::getId));
        return all;
    }

    /** One page of the incident's signals, by fingerprint. */
    public record SignalPage(List<SignalRef> signals, Optional<String> next) {
    }

    /**
     * The incident's signals in fingerprint order, starting after {@code after} (the previous page's last fingerprint),
     * those with {@code status} only when it is given; at most {@code limit}.
     */
    public SignalPage signals(String incidentId, Optional<SignalStatus> status, int limit, Optional<String> after) {
        SignalIndex.Page page = signals.page(incidentId, status, limit, after);
        List<SignalRef> decoded = new ArrayList<>(page.entries().size());
        for (SignalIndex.Entry entry : page.entries()) {
            decoded.add(incidentSignals.deserialize(Topics.INCIDENT_SIGNALS.name(), entry.value()).getSignal());
        }
        return new SignalPage(decoded, page.next());
    }

    /** How many of the incident's signals the view keeps (at most {@link SignalIndex#MAX_PER_INCIDENT}). */
    int signalsKept(String incidentId) {
        return signals.kept(incidentId);
    }

    public List<DeliveryReceipt> deliveries(String incidentId) {
        List<DeliveryReceipt> list = deliveriesByIncident.get(incidentId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    public Optional<Postmortem> postmortem(String incidentId) {
        return Optional.ofNullable(postmortemsById.get(incidentId));
    }

    public Collection<Postmortem> postmortems() {
        return List.copyOf(postmortemsById.values());
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    try {
                        apply(record);
                    } catch (SchemaRegistryException e) {
                        // registry down: read this record again later rather than leave a hole in the view
                        LOG.warn("schema registry unavailable, will re-read topic={} partition={} offset={} error={}",
                                record.topic(), record.partition(), record.offset(), e.getMessage());
                        reader.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                        Thread.sleep(1000);
                        break;
                    }
                }
                if (!caughtUp) {
                    caughtUp = reader.caughtUp();
                }
                forgetOldHistory();
            }
        } catch (WakeupException | InterruptedException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("incident view stopped reading", e);
        } finally {
            reader.close(Duration.ofSeconds(5));
        }
    }

    /** Once a minute: closed incidents and postmortems older than the history leave the view. */
    private void forgetOldHistory() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plusSeconds(60);
        Instant horizon = now.minus(history);
        incidentsById.values().removeIf(incident -> {
            boolean old = incident.getClosed() && incident.getUpdatedAt().isBefore(horizon);
            if (old) {
                deliveriesByIncident.remove(incident.getId());
                signals.forget(incident.getId());
            }
            return old;
        });
        postmortemsById.values().removeIf(postmortem -> postmortem.getGeneratedAt().isBefore(horizon));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            String topic = record.topic();
            if (topic.equals(Topics.INCIDENTS.name())) {
                Incident incident = incidents.deserialize(topic, record.value());
                incidentsById.merge(incident.getId(), incident, (old, now) -> now.getVersion() >= old.getVersion() ? now : old);
            } else if (topic.equals(Topics.INCIDENT_SIGNALS.name())) {
                IncidentSignal signal = incidentSignals.deserialize(topic, record.value());
                signals.put(signal.getIncidentId(), signal.getSignal().getFingerprint(), signal.getSignal().getStatus(), record.value());
            } else if (topic.equals(Topics.DELIVERIES.name())) {
                DeliveryReceipt receipt = receipts.deserialize(topic, record.value());
                List<DeliveryReceipt> list = deliveriesByIncident.computeIfAbsent(receipt.getIncidentId(), id -> new ArrayList<>());
                synchronized (list) {
                    list.removeIf(r -> r.getNotificationId().equals(receipt.getNotificationId()));
                    list.add(receipt);
                    if (list.size() > MAX_DELIVERIES_PER_INCIDENT) {
                        list.remove(0);
                    }
                }
            } else if (topic.equals(Topics.POSTMORTEMS.name())) {
                Postmortem postmortem = postmortems.deserialize(topic, record.value());
                postmortemsById.merge(postmortem.getIncidentId(), postmortem,
                        (old, now) -> now.getRevision() >= old.getRevision() ? now : old);
                onPostmortem.accept(postmortem);
            }
        } catch (SchemaRegistryException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("skipping record with unknown schema topic={} partition={} offset={} error={}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        } catch (RuntimeException e) {
            // one unreadable record must not blind the API to every later incident
            LOG.warn("skipping unreadable record topic={} partition={} offset={} error={}",
                    record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            if (!thread.isAlive()) {
                reader.close(Duration.ofSeconds(5));
                return;
            }
            reader.wakeup();
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signals.close();
        }
    }
}

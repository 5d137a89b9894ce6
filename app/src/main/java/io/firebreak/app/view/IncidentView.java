package io.firebreak.app.view;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.Postmortem;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.postmortem.report.MttxSample;
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
 *
 * <p>What grows with the history, or with a storm's open incidents, lives on disk ({@link ViewDatabase}): every signal
 * ({@link SignalIndex}), every incident and every postmortem ({@link Archive}), every delivery receipt
 * ({@link ReceiptIndex}). The heap holds a {@link IncidentSummary} of each incident and the MTTx numbers of each
 * postmortem ({@link MttxSample}): about 1.4 KiB per incident with the disk's counters (bench {@code HistoryMemory}).
 */
public final class IncidentView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentView.class);

    private final CompactedTopicReader<String, byte[]> reader;
    private final Deserializer<Incident> incidents;
    private final Deserializer<DeliveryReceipt> receipts;
    private final Deserializer<Postmortem> postmortems;
    private final Deserializer<IncidentSignal> incidentSignals;
    private final ViewDatabase database;
    /** Per incident, its signals by fingerprint, on disk: sorted, so pages are stable and a cursor is the last fingerprint. */
    private final SignalIndex signals;
    /** Every incident's latest version, on disk. */
    private final Archive incidentArchive;
    /** Every postmortem's latest revision, on disk. */
    private final Archive postmortemArchive;
    /** Per incident, its delivery receipts in arrival order, on disk. */
    private final ReceiptIndex deliveries;
    /** Every incident of the view, open or closed. */
    private final Map<String, IncidentSummary> summaries = new ConcurrentHashMap<>();
    /** Per incident, its latest postmortem's numbers for the MTTx report, and when it was written for the history's sweep. */
    private final Map<String, PostmortemSummary> postmortemsById = new ConcurrentHashMap<>();
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
     *                     compacted topics keep everything forever, the view must not
     * @param databaseDir  a directory of this instance's own for what the view keeps on disk ({@link ViewDatabase}):
     *                     emptied now, filled again from the topics
     * @param rocksDb      the process's bound of RocksDB memory ({@code kafka.rocksdb}), which that database counts in
     */
    public IncidentView(Map<String, Object> kafkaConfig, Serdes serdes, Consumer<Postmortem> onPostmortem, Duration history, Clock clock,
                        Path databaseDir, BoundedRocksDbMemory.Sizes rocksDb) {
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
            this.database = ViewDatabase.open(databaseDir, rocksDb);
        } catch (RuntimeException e) {
            reader.close(Duration.ZERO); // the instance fails to start: its consumer must not linger
            throw e;
        }
        this.signals = new SignalIndex(database);
        this.incidentArchive = new Archive(database, ViewDatabase.INCIDENTS);
        this.deliveries = new ReceiptIndex(database);
        this.postmortemArchive = new Archive(database, ViewDatabase.POSTMORTEMS);
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

    /** The incident's latest version, read from disk. */
    public Optional<Incident> incident(String id) {
        return incidentArchive.get(id).map(value -> incidents.deserialize(Topics.INCIDENTS.name(), value));
    }

    /** Every incident's summary, in no order: for the metrics, at every scrape. */
    public Collection<IncidentSummary> summaries() {
        return List.copyOf(summaries.values());
    }

    /** Every incident's summary, most recently updated first. */
    public List<IncidentSummary> summariesLatestFirst() {
        List<IncidentSummary> all = new ArrayList<>(summaries.values());
        all.sort(Comparator.comparing(IncidentSummary::updatedAt).reversed().thenComparing(IncidentSummary::id));
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

    /** The incident's delivery receipts, the latest of each notification, oldest first (at most {@link ReceiptIndex#MAX_PER_INCIDENT}). */
    public List<DeliveryReceipt> deliveries(String incidentId) {
        return deliveries.receipts(incidentId).stream().map(value -> receipts.deserialize(Topics.DELIVERIES.name(), value)).toList();
    }

    /** The incident's latest postmortem, read from disk. */
    public Optional<Postmortem> postmortem(String incidentId) {
        return postmortemArchive.get(incidentId).map(value -> postmortems.deserialize(Topics.POSTMORTEMS.name(), value));
    }

    /** The MTTx numbers of every postmortem in the view (its latest revision). */
    public Collection<MttxSample> mttxSamples() {
        return postmortemsById.values().stream().map(PostmortemSummary::sample).toList();
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
        summaries.values().removeIf(incident -> {
            boolean old = incident.closed() && incident.updatedAt().isBefore(horizon);
            if (old) {
                incidentArchive.remove(incident.id());
                deliveries.forget(incident.id());
                signals.forget(incident.id());
            }
            return old;
        });
        postmortemsById.values().removeIf(postmortem -> {
            boolean old = postmortem.generatedAt().isBefore(horizon);
            if (old) {
                postmortemArchive.remove(postmortem.sample().incidentId());
            }
            return old;
        });
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            String topic = record.topic();
            if (topic.equals(Topics.INCIDENTS.name())) {
                keep(incidents.deserialize(topic, record.value()), record.value());
            } else if (topic.equals(Topics.INCIDENT_SIGNALS.name())) {
                IncidentSignal signal = incidentSignals.deserialize(topic, record.value());
                signals.put(signal.getIncidentId(), signal.getSignal().getFingerprint(), signal.getSignal().getStatus(), record.value());
            } else if (topic.equals(Topics.DELIVERIES.name())) {
                DeliveryReceipt receipt = receipts.deserialize(topic, record.value());
                deliveries.put(receipt.getIncidentId(), receipt.getNotificationId(), record.value());
            } else if (topic.equals(Topics.POSTMORTEMS.name())) {
                Postmortem postmortem = postmortems.deserialize(topic, record.value());
                keep(postmortem, record.value());
                onPostmortem.accept(postmortem);
            }
        } catch (ViewDatabase.Failure e) {
            throw e; // not this record's fault: stop reading (the health check turns red) rather than skip every record after it
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

    /**
     * The incident's version, unless an older one than the view has (the topic is written in version order; a
     * compaction or a replay may still hand an older one over): its record on disk, its summary on the heap.
     */
    private void keep(Incident incident, byte[] value) {
        String id = incident.getId();
        IncidentSummary known = summaries.get(id);
        if (known != null && incident.getVersion() < known.version()) {
            return;
        }
        incidentArchive.put(id, value);
        summaries.put(id, IncidentSummary.of(incident));
    }

    /** The postmortem's revision, unless an older one than the view has: on disk, its numbers on the heap. */
    private void keep(Postmortem postmortem, byte[] value) {
        String id = postmortem.getIncidentId();
        PostmortemSummary known = postmortemsById.get(id);
        if (known != null && postmortem.getRevision() < known.sample().revision()) {
            return;
        }
        postmortemArchive.put(id, value);
        postmortemsById.put(id, new PostmortemSummary(MttxSample.of(postmortem), postmortem.getGeneratedAt()));
    }

    private record PostmortemSummary(MttxSample sample, Instant generatedAt) {
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
            database.close();
        }
    }
}

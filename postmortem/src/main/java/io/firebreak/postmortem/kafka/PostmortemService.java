package io.firebreak.postmortem.kafka;

import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.export.PostmortemExporter;
import io.firebreak.postmortem.PostmortemFit;
import io.firebreak.postmortem.logs.LogLinesAttacher;
import io.firebreak.postmortem.logs.LokiClient;
import io.firebreak.postmortem.render.MarkdownRenderer;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import io.firebreak.schemas.kafka.ManualCommitLoop;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes postmortems: consumes {@code firebreak.incidents.v1} in its own consumer group (read_committed, so
 * it sees only incident states the streams topology committed), and for every incident that reached RECOVERED
 * builds the postmortem, attaches Loki lines when configured, renders the Markdown into it and publishes it to
 * {@code firebreak.postmortems.v1} keyed by incident id. Marking the incident POSTMORTEM_PUBLISHED is the streams
 * topology's job when it sees the postmortem.
 * <p>
 * Idempotent across restarts: at start it reads the postmortems topic back (it is compacted, so that is the
 * latest revision per incident) and only publishes when the content changed ({@link PublishedRevisions}).
 * Offsets are committed after the publish was acknowledged, so a crash in between republishes at most the
 * same revision, which compaction folds away.
 */
public final class PostmortemService implements AutoCloseable {

    public static final String GROUP_ID = "firebreak-postmortem";
    /** Record header on a published postmortem: the {@code Incident.version} it was built from (8-byte big-endian long). */
    public static final String INCIDENT_VERSION_HEADER = "firebreak-incident-version";

    private static final Logger LOG = LoggerFactory.getLogger(PostmortemService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_BACK_LIMIT = Duration.ofSeconds(60);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final PostmortemBuilder builder;
    private final Optional<LogLinesAttacher> logLines;
    private final MarkdownRenderer markdown;
    private final Optional<PostmortemExporter> exporter;
    private final Map<String, Object> kafkaConfig;
    private final Serdes serdes;
    private final Clock clock;
    private final PublishedRevisions published = new PublishedRevisions();
    private final ManualCommitLoop<String, Incident> incidents;
    private final KafkaProducer<String, Postmortem> producer;
    private final Thread thread;
    private volatile boolean running;

    public PostmortemService(PostmortemSettings settings, Map<String, Object> kafkaConfig, Serdes serdes, Clock clock) {
        this(settings, kafkaConfig, serdes, clock, new MarkdownRenderer(), Optional.empty());
    }

    /**
     * With a user's Markdown template and an optional export directory. {@code kafkaConfig} may carry a
     * {@code group.instance.id} (static membership); only the group's consumer gets it.
     */
    public PostmortemService(PostmortemSettings settings, Map<String, Object> kafkaConfig, Serdes serdes, Clock clock,
                             MarkdownRenderer markdown, Optional<PostmortemExporter> exporter) {
        Objects.requireNonNull(settings, "settings");
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.builder = new PostmortemBuilder(settings, clock);
        this.logLines = settings.lokiUrl()
                .map(url -> new LogLinesAttacher(new LokiClient(url), settings.padding(), settings.maxLogLines()));
        this.markdown = Objects.requireNonNull(markdown, "markdown");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.incidents = ManualCommitLoop.open(consumerConfig(), Serdes.key().deserializer(),
                serdes.value(Topics.INCIDENTS).deserializer());
        this.producer = new KafkaProducer<>(producerConfig(), Serdes.key().serializer(),
                serdes.value(Topics.POSTMORTEMS).serializer());
        this.thread = new Thread(this::run, "postmortem-service");
    }

    /** Starts consuming on its own thread; returns at once. */
    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("postmortem service already started");
        }
        running = true;
        thread.start();
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    @Override
    public synchronized void close() {
        boolean wasStarted = thread.isAlive() || running;
        running = false;
        incidents.wakeup();
        if (wasStarted) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            incidents.close();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private void run() {
        try {
            readBack();
            incidents.subscribe(Topics.INCIDENTS.name());
            LOG.info("event=postmortem_service_started group={} known_postmortems={}",
                    kafkaConfig.getOrDefault(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID), published.size());
            while (running) {
                // a record whose postmortem Kafka refused is read again on the next poll
                incidents.pollOnce(POLL, this::handle);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("event=postmortem_service_stopped reason=unexpected_wakeup", e);
            }
        } catch (RuntimeException e) {
            LOG.error("event=postmortem_service_stopped reason=\"{}\"", e.toString(), e);
        } finally {
            running = false;
            // leave the group even as a static member (group.instance.id), so another instance takes over at once
            incidents.closeLeavingGroup(Duration.ofSeconds(10));
        }
    }

    /** False only when publishing failed and the record must be retried. */
    private boolean handle(ConsumerRecord<String, Incident> record) {
        Incident incident = record.value();
        if (incident == null) {
            return true;
        }
        Optional<Integer> revision;
        Postmortem postmortem;
        try {
            revision = published.nextRevision(incident);
            if (revision.isEmpty()) {
                return true;
            }
            postmortem = builder.build(incident, revision.get());
            if (logLines.isPresent()) {
                postmortem = logLines.get().attach(postmortem);
            }
            postmortem.setMarkdown(markdown.render(postmortem));
            List<String> dropped = PostmortemFit.fit(postmortem);
            if (!dropped.isEmpty()) {
                LOG.warn("event=postmortem_trimmed incident={} dropped=\"{}\" reason=record_size_bound", incident.getId(), String.join(", ", dropped));
            }
        } catch (RuntimeException e) {
            // A bug or an odd incident must not stop the postmortems of the others; it is logged with its id.
            LOG.error("event=postmortem_build_failed incident={} offset={} error=\"{}\"", record.key(), record.offset(), e.toString(), e);
            return true;
        }
        try {
            ProducerRecord<String, Postmortem> out = new ProducerRecord<>(Topics.POSTMORTEMS.name(), incident.getId(), postmortem);
            out.headers().add(INCIDENT_VERSION_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(incident.getVersion()).array());
            producer.send(out).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("event=postmortem_publish_failed incident={} revision={} error=\"{}\"", incident.getId(), revision.get(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Postmortem sent = postmortem;
        published.remember(sent, incident.getVersion());
        LOG.info("event=postmortem_published incident={} revision={} stage={} mttr_s={}", incident.getId(), revision.get(),
                incident.getStage(), sent.getMttrSeconds());
        exporter.ifPresent(e -> export(e, sent));
        return true;
    }

    private static void export(PostmortemExporter exporter, Postmortem postmortem) {
        try {
            exporter.export(postmortem);
        } catch (RuntimeException e) {
            LOG.warn("event=postmortem_export_failed incident={} error=\"{}\"", postmortem.getIncidentId(), e.toString());
        }
    }

    /** Reads the compacted postmortems topic to its end, so a restart knows what is already published. */
    private void readBack() {
        ClientConfigs config = ClientConfigs.from(kafkaConfig).set(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (CompactedTopicReader<String, Postmortem> reader = CompactedTopicReader.open(config, Serdes.key().deserializer(),
                serdes.value(Topics.POSTMORTEMS).deserializer())) {
            if (!reader.assignFromBeginning(List.of(Topics.POSTMORTEMS.name()), READ_BACK_LIMIT)) {
                LOG.warn("event=postmortems_topic_missing topic={}", Topics.POSTMORTEMS.name());
                return;
            }
            boolean complete = reader.readToEnd(records -> records.forEach(record -> {
                if (record.value() == null) {
                    published.forget(record.key());
                } else {
                    published.remember(record.value(), incidentVersion(record.headers()));
                }
            }), READ_BACK_LIMIT, () -> running);
            if (!complete && running) {
                LOG.warn("event=postmortems_read_back_incomplete known={} reason=timeout", published.size());
            }
        }
    }

    private static long incidentVersion(Headers headers) {
        Header header = headers.lastHeader(INCIDENT_VERSION_HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return PublishedRevisions.UNKNOWN_VERSION;
        }
        return ByteBuffer.wrap(header.value()).getLong();
    }

    /** Only incident states the streams topology committed (it runs exactly_once_v2); offsets committed after the publish. */
    private ClientConfigs consumerConfig() {
        return ClientConfigs.from(kafkaConfig)
                .setIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID)
                .setIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                // A postmortem with Loki lines can take a while; keep the group from thinking the consumer died.
                .setIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)
                .setIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    }

    private Map<String, Object> producerConfig() {
        return ClientConfigs.from(kafkaConfig).withoutGroup().acknowledged().build();
    }
}

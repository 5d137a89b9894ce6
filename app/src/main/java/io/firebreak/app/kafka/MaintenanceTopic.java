package io.firebreak.app.kafka;

import io.firebreak.events.MaintenanceWindow;
import io.firebreak.ingest.MaintenanceLookup;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code firebreak.maintenance.v1} for the app: the configured windows written at start-up (and tombstones for those
 * the config dropped), and the windows read to the topic's end for each {@code GET /v1/maintenance} (a few records,
 * read rarely: no view is kept in between, and a window just created is always listed).
 */
public final class MaintenanceTopic implements MaintenanceLookup {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceTopic.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);
    /** {@code MaintenanceWindow.source} of the windows written from {@code maintenance:} (MaintenanceConfig). */
    private static final String CONFIG_SOURCE = "config";

    private final Map<String, Object> kafkaConfig;
    private final Serdes serdes;

    public MaintenanceTopic(Map<String, Object> kafkaConfig, Serdes serdes) {
        this.kafkaConfig = kafkaConfig;
        this.serdes = serdes;
    }

    /**
     * Makes the topic's config windows those of the config: writes each configured window and a tombstone for each
     * config window the config no longer has (dropped or renamed), so it stops holding pages; windows created through the
     * API are never touched. Waits until Kafka has them all (acks=all).
     */
    public void replaceConfigured(List<MaintenanceWindow> configured) {
        Set<String> kept = configured.stream().map(MaintenanceWindow::getId).collect(Collectors.toSet());
        List<String> dropped = all().stream()
                .filter(window -> CONFIG_SOURCE.equals(window.getSource()) && !kept.contains(window.getId()))
                .map(MaintenanceWindow::getId)
                .toList();
        if (configured.isEmpty() && dropped.isEmpty()) {
            return;
        }
        try (KafkaProducer<String, MaintenanceWindow> producer = new KafkaProducer<>(ClientConfigs.from(kafkaConfig).withoutGroup()
                .acknowledged().clientId("firebreak-maintenance-config").build(), new StringSerializer(),
                serdes.value(Topics.MAINTENANCE).serializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (MaintenanceWindow window : configured) {
                sent.add(producer.send(new ProducerRecord<>(Topics.MAINTENANCE.name(), window.getId(), window)));
            }
            for (String id : dropped) {
                sent.add(producer.send(new ProducerRecord<>(Topics.MAINTENANCE.name(), id, null)));
            }
            for (Future<?> one : sent) {
                one.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the configured maintenance windows to " + Topics.MAINTENANCE.name() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the configured maintenance windows", e);
        }
        if (!dropped.isEmpty()) {
            LOG.info("event=maintenance_windows_dropped_from_config ids={}", dropped);
        }
    }

    @Override
    public List<MaintenanceWindow> all() {
        Map<String, MaintenanceWindow> latest = new LinkedHashMap<>();
        try (CompactedTopicReader<String, MaintenanceWindow> reader = CompactedTopicReader.open(ClientConfigs.from(kafkaConfig)
                .clientId("firebreak-maintenance-list"), new StringDeserializer(), serdes.value(Topics.MAINTENANCE).deserializer())) {
            if (!reader.assignFromBeginning(List.of(Topics.MAINTENANCE.name()), READ_LIMIT)) {
                return List.of();
            }
            boolean complete = reader.readToEnd(records -> records.forEach(record -> {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            }), READ_LIMIT, () -> true);
            if (!complete) {
                throw new IllegalStateException("timed out reading " + Topics.MAINTENANCE.name());
            }
        }
        return List.copyOf(latest.values());
    }
}

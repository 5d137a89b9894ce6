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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code firebreak.maintenance.v1} for the app: the configured windows written at start-up, and the windows read to
 * the topic's end for each {@code GET /v1/maintenance} (a few records, read rarely: no view is kept in between, and
 * a window just created is always listed).
 */
public final class MaintenanceTopic implements MaintenanceLookup {

    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    private final Map<String, Object> kafkaConfig;
    private final Serdes serdes;

    public MaintenanceTopic(Map<String, Object> kafkaConfig, Serdes serdes) {
        this.kafkaConfig = kafkaConfig;
        this.serdes = serdes;
    }

    /** Writes the windows (acks=all) and waits until Kafka has them. */
    public void publish(List<MaintenanceWindow> windows) {
        if (windows.isEmpty()) {
            return;
        }
        try (KafkaProducer<String, MaintenanceWindow> producer = new KafkaProducer<>(ClientConfigs.from(kafkaConfig).withoutGroup()
                .acknowledged().clientId("firebreak-maintenance-config").build(), new StringSerializer(),
                serdes.value(Topics.MAINTENANCE).serializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (MaintenanceWindow window : windows) {
                sent.add(producer.send(new ProducerRecord<>(Topics.MAINTENANCE.name(), window.getId(), window)));
            }
            for (java.util.concurrent.Future<?> one : sent) {
                one.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the configured maintenance windows to " + Topics.MAINTENANCE.name() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the configured maintenance windows", e);
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

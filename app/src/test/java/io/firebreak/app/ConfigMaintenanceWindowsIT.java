package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.app.config.MaintenanceConfig;
import io.firebreak.app.kafka.MaintenanceTopic;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.ingest.api.MaintenanceRequest;
import io.firebreak.ingest.core.MaintenanceWindowMapper;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The windows of {@code maintenance:} on the embedded broker across restarts: what start-up writes when the config
 * changed. A cluster of its own, because start-up tombstones every config window it does not know.
 */
@ExtendWith(PrivateClusterExtension.class)
class ConfigMaintenanceWindowsIT {

    @Test
    void aWindowDroppedFromTheConfigIsTombstonedAtStartUpAndApiWindowsStay(EmbeddedCluster cluster) throws Exception {
        cluster.createTopic(Topics.MAINTENANCE.name(), 1);
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        MaintenanceTopic topic = new MaintenanceTopic(kafka, serdes);
        MaintenanceWindow fromApi = new MaintenanceWindowMapper(Clock.systemUTC()).map("api-window", new MaintenanceRequest("db upgrade",
                List.of("service=\"postgres-main\""), null, "2099-01-01T00:00:00Z", null, "CHG-1"), "ci-bot", "api");
        try (KafkaProducer<String, MaintenanceWindow> producer = new KafkaProducer<>(kafka, new StringSerializer(),
                serdes.value(Topics.MAINTENANCE).serializer())) {
            producer.send(new ProducerRecord<>(Topics.MAINTENANCE.name(), fromApi.getId(), fromApi)).get();
        }

        // first start: two windows configured
        topic.replaceConfigured(MaintenanceConfig.windows(List.of(window("sunday patching"), window("nightly backup")), Clock.systemUTC()));
        assertThat(ids(topic)).containsExactlyInAnyOrder("api-window", "config-sunday-patching", "config-nightly-backup");

        // restart after the config dropped one: it is gone, as a tombstone compaction will clear; the API's stays
        topic.replaceConfigured(MaintenanceConfig.windows(List.of(window("sunday patching")), Clock.systemUTC()));
        assertThat(ids(topic)).containsExactlyInAnyOrder("api-window", "config-sunday-patching");
        assertThat(latestValue(cluster, "config-nightly-backup")).as("a tombstone, not a deleted-marked window").isNull();

        // restart without any maintenance: the last config window goes too
        topic.replaceConfigured(List.of());
        assertThat(ids(topic)).containsExactly("api-window");
    }

    private static MaintenanceConfig window(String name) {
        MaintenanceConfig window = new MaintenanceConfig();
        window.name = name;
        window.matchers = List.of("cluster=\"oci-fra-1\"");
        window.recurrence = new MaintenanceConfig.RecurrenceConfig();
        window.recurrence.cron = "0 2 * * SUN";
        window.recurrence.duration = io.dropwizard.util.Duration.hours(2);
        window.recurrence.timezone = "Europe/Berlin";
        return window;
    }

    private static List<String> ids(MaintenanceTopic topic) {
        return topic.all().stream().map(MaintenanceWindow::getId).toList();
    }

    /** The value of the last record with {@code key}, read raw: {@code null} for a tombstone. */
    private static byte[] latestValue(EmbeddedCluster cluster, String key) {
        TopicPartition partition = new TopicPartition(Topics.MAINTENANCE.name(), 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            byte[] latest = new byte[0];
            boolean seen = false;
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.key().equals(key)) {
                        latest = record.value();
                        seen = true;
                    }
                }
            }
            assertThat(seen).as("a record for " + key).isTrue();
            return latest;
        }
    }
}

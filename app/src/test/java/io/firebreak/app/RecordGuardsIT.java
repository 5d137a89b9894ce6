package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The record guards as wired in the app: a poison record on the signals topic is parked on
 * {@code firebreak.correlation.dlq.v1} and counted in {@code /metrics}, the alert behind it on the same cluster (so
 * the same partition and task) still pages, and {@code /healthcheck} reports the correlation state and lag, which
 * {@code firebreak_correlation_lag_seconds} exports.
 */
class RecordGuardsIT {

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp("it.yml", "record-guards");

    @Test
    void aPoisonSignalIsParkedAndCountedAndTheAlertAfterItStillPages() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode streams = firebreak.healthcheck().path("streams");
            assertThat(streams.path("healthy").asBoolean()).as(streams.toString()).isTrue();
            assertThat(streams.path("message").asText()).contains("state=RUNNING").contains("lag=0s");
        });

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                firebreak.cluster().bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), bytes("oci-fra-1"), bytes("{\"not\": \"avro\"}"))).get();
        }
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")));
        assertThat(firebreak.postAlertmanager(payload).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !firebreak.pagerDuty().triggers().isEmpty());
        assertThat(firebreak.pagerDuty().triggers().get(0).path("dedup_key").asText()).startsWith("oci-fra-1.");

        String metrics = firebreak.get("/metrics").body();
        assertThat(metrics).contains("firebreak_streams_dead_lettered_records_total{application=\"correlation\",reason=\"SerializationException\","
                        + "stage=\"deserialization\",topic=\"firebreak.signals.v1\"} 1.0")
                .contains("firebreak_correlation_lag_seconds ")
                .contains("firebreak_streams_thread_deaths_total{application=\"correlation\"} 0.0");

        List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, firebreak.cluster().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CORRELATION_DLQ.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(parked::add);
                return !parked.isEmpty();
            });
        }
        assertThat(parked).hasSize(1);
        assertThat(new String(parked.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
        assertThat(new String(parked.get(0).headers().lastHeader("__streams.errors.topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.SIGNALS.name());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(firebreak.healthcheck().path("streams").path("message").asText()).contains("lag=0s"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

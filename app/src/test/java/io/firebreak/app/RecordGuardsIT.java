package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record guards as wired in the app: a poison record on the signals topic is parked on
 * {@code firebreak.correlation.dlq.v1} and counted in {@code /metrics}, the alert behind it on the same cluster (so
 * the same partition and task) still pages, and {@code /healthcheck} reports the correlation state and lag, which
 * {@code firebreak_correlation_lag_seconds} exports.
 */
@ExtendWith(PrivateClusterExtension.class)
class RecordGuardsIT {

    private static final String TOKEN = PagingApp.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PagingApp paging;
    private static RecordingPagerDuty pagerDuty;
    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static EmbeddedCluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startFirebreak(EmbeddedCluster embedded, @TempDir Path stateDir) throws Exception {
        cluster = embedded;
        paging = PagingApp.start(cluster, stateDir, "record-guards");
        pagerDuty = paging.pagerDuty();
        app = paging.app();
    }

    @AfterAll
    static void stopFirebreak() {
        if (paging != null) {
            paging.close();
        }
    }

    @Test
    void aPoisonSignalIsParkedAndCountedAndTheAlertAfterItStillPages() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode streams = healthcheck().path("streams");
            assertThat(streams.path("healthy").asBoolean()).as(streams.toString()).isTrue();
            assertThat(streams.path("message").asText()).contains("state=RUNNING").contains("lag=0s");
        });

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), bytes("oci-fra-1"), bytes("{\"not\": \"avro\"}"))).get();
        }
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")));
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(appUri("/v1/alertmanager"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !pagerDuty.triggers().isEmpty());
        assertThat(pagerDuty.triggers().get(0).path("dedup_key").asText()).startsWith("oci-fra-1.");

        String metrics = http.send(HttpRequest.newBuilder(appUri("/metrics")).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("firebreak_streams_correlation_dead_lettered_records_total{reason=\"SerializationException\","
                        + "stage=\"deserialization\",topic=\"firebreak.signals.v1\"} 1.0")
                .contains("firebreak_correlation_lag_seconds ")
                .contains("firebreak_streams_correlation_thread_deaths_total 0.0");

        List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
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
                assertThat(healthcheck().path("streams").path("message").asText()).contains("lag=0s"));
    }

    private JsonNode healthcheck() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private static URI appUri(String path) {
        return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's storm end to end: 10,000 distinct per-pod alerts for one (cluster, service), 100 per Alertmanager request,
 * with a critical alert for another cluster in the middle. One incident and one page for the storm, the other cluster
 * paged too, the incident record bounded on the topic, and every one of the 10,000 signals reachable through the API.
 */
@ExtendWith(PrivateClusterExtension.class)
class StormIT {

    private static final String TOKEN = PagingApp.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PODS = 10_000;
    private static final int PER_REQUEST = 100;

    private static PagingApp paging;
    private static RecordingPagerDuty pagerDuty;
    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static EmbeddedCluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startFirebreak(EmbeddedCluster embedded, @TempDir Path stateDir) throws Exception {
        cluster = embedded;
        paging = PagingApp.start(cluster, stateDir, "storm");
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
    void tenThousandPodAlertsInOneGroupAreOneBoundedIncidentOnePageAndEverySignalIsListed() throws Exception {
        for (int first = 0; first < PODS; first += PER_REQUEST) {
            assertThat(post(payload("oci-fra-1", "trade-engine", first, PER_REQUEST)).statusCode()).isEqualTo(202);
            if (first == PODS / 2) {
                assertThat(post(payload("aws-use1-2", "settlement-gateway", 0, 1)).statusCode()).isEqualTo(202);
            }
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> stormPages().size() >= 2);
        List<String> paged = stormPages();
        assertThat(paged).hasSize(2).doesNotHaveDuplicates().anyMatch(id -> id.startsWith("aws-use1-2."));
        String stormId = paged.stream().filter(id -> id.startsWith("oci-fra-1.")).findFirst().orElseThrow();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(getJson("/v1/incidents/" + stormId).path("signalCounts").path("total").asInt()).isEqualTo(PODS));
        JsonNode incident = getJson("/v1/incidents/" + stormId);
        assertThat(incident.path("signalCounts").path("firing").asInt()).isEqualTo(PODS);
        assertThat(incident.path("signals")).hasSize(IncidentLimits.SAMPLE);
        assertThat(incident.path("signalCounts").path("byAlert")).singleElement()
                .satisfies(group -> assertThat(group.path("count").asInt()).isEqualTo(PODS));
        assertThat(getJson("/v1/incidents?cluster=oci-fra-1").path("incidents")).hasSize(1);

        // every fingerprint, once each, in a stable order, page by page
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/v1/incidents/" + stormId + "/signals?limit=1000&status=firing"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("signals").forEach(s -> {
                seen.add(s.path("fingerprint").asText());
                order.add(s.path("fingerprint").asText());
            });
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(PODS);
        assertThat(order).isSorted().doesNotHaveDuplicates();
        assertThat(getJson("/v1/incidents/" + stormId + "/signals?status=resolved").path("signals")).isEmpty();

        assertThat(largestIncidentRecordBytes()).isPositive().isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(stormPages()).hasSize(2); // nothing paged twice after the storm drained
    }

    @Test
    void signalsOfAnUnknownIncidentAre404AndABadLimitIs400() throws Exception {
        HttpResponse<String> unknown = get("/v1/incidents/nope.20260101.0001/signals");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("unknown incident");

        assertThat(post(payload("oci-fra-9", "limits-check", 0, 1)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> getJson("/v1/incidents?cluster=oci-fra-9").path("incidents").size() == 1);
        String id = getJson("/v1/incidents?cluster=oci-fra-9").path("incidents").get(0).path("id").asText();
        for (String query : List.of("limit=0", "limit=5001", "status=pending")) {
            HttpResponse<String> bad = get("/v1/incidents/" + id + "/signals?" + query);
            assertThat(bad.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).path("error").asText()).as(query).startsWith("invalid ");
        }
    }

    /** The pages of this test's two clusters (the other test of the class pages a cluster of its own). */
    private static List<String> stormPages() {
        return pagerDuty.triggers().stream().map(t -> t.path("dedup_key").asText())
                .filter(id -> id.startsWith("oci-fra-1.") || id.startsWith("aws-use1-2.")).toList();
    }

    /** Alertmanager v4 body with {@code count} firing per-pod alerts, fingerprints {@code first..first+count-1}. */
    private static String payload(String cluster, String service, int first, int count) {
        ObjectNode body = JSON.createObjectNode().put("version", "4").put("status", "firing").put("receiver", "firebreak")
                .put("groupKey", "{}:{cluster=\"" + cluster + "\", service=\"" + service + "\"}");
        ArrayNode alerts = body.putArray("alerts");
        for (int i = first; i < first + count; i++) {
            ObjectNode alert = alerts.addObject().put("status", "firing").put("startsAt", Instant.now().toString())
                    .put("endsAt", "0001-01-01T00:00:00Z").put("fingerprint", String.format("%s-%05d", cluster, i));
            alert.putObject("labels").put("alertname", "PodCrashLooping").put("cluster", cluster).put("service", service)
                    .put("namespace", "trading").put("pod", service + "-" + i).put("severity", "critical");
            alert.putObject("annotations").put("summary", "pod " + service + "-" + i + " is crash looping");
        }
        return body.toString();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(appUri("/v1/alertmanager")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(appUri(path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path);
        assertThat(answer.statusCode()).as("GET %s -> %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static URI appUri(String path) {
        return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
    }

    /** The largest incident record firebreak wrote, in bytes as on the topic (wire format header included). */
    private static int largestIncidentRecordBytes() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "storm-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int largest = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INCIDENTS.name()));
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    largest = Math.max(largest, record.value() == null ? 0 : record.value().length);
                }
                if (!consumer.assignment().isEmpty() && consumer.endOffsets(consumer.assignment()).entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
        }
        return largest;
    }
}

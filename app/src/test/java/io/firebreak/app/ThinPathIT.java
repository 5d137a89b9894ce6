package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.events.Incident;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin path end to end, with real parts: HTTP → ingest → Kafka (embedded KRaft broker, Avro + embedded
 * Schema Registry) → Kafka Streams (exactly_once_v2) → PagerDuty notifier → a recording PagerDuty.
 */
@ExtendWith(PrivateClusterExtension.class)
class ThinPathIT {

    private static final String ROUTING_KEY = "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx";
    private static final String TOKEN = "it-token-1";
    /** Named tokens of it.yml's {@code auth.tokens}: one that may only read, one that may only send. */
    private static final String READ_TOKEN = "it-read-token";
    private static final String INGEST_TOKEN = "it-ingest-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RecordingPagerDuty pagerDuty;
    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static EmbeddedCluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startFirebreak(EmbeddedCluster embedded, @TempDir Path stateDir) throws Exception {
        cluster = embedded;
        pagerDuty = new RecordingPagerDuty();
        app = TestApps.start("it.yml", cluster, stateDir, "thin-path",
                ConfigOverride.config("receivers.pagerduty.url", pagerDuty.enqueueUrl()),
                ConfigOverride.config("receivers.pagerduty.routingKey", ROUTING_KEY));
    }

    @AfterAll
    static void stopFirebreak() {
        if (app != null) {
            app.after();
        }
        if (pagerDuty != null) {
            pagerDuty.close();
        }
    }

    @Test
    void alertmanagerPayloadPagesOnceAndResendingOpensNoSecondIncident() throws Exception {
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")));

        assertThat(post(payload).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !pagerDuty.triggers().isEmpty());
        JsonNode trigger = pagerDuty.triggers().get(0);
        String incidentId = trigger.path("dedup_key").asText();
        assertThat(incidentId).startsWith("oci-fra-1.");
        assertThat(trigger.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("summary").asText())
                .contains("trade-engine").contains("oci-fra-1").contains("CRITICAL");
        assertThat(pagerDuty.contentTypes().get(0)).startsWith("application/json");
        assertThat(trigger.path("links")).extracting(l -> l.path("href").asText())
                .as("the incident link opens the dashboard on this incident").contains("http://localhost:8080/?incident=" + incidentId);

        // The same payload again (Alertmanager re-sends whole groups), then a marker alert on the same cluster:
        // the cluster key puts all three on one partition in order, so once the marker pages, the re-send is done.
        assertThat(post(payload).statusCode()).isEqualTo(202);
        assertThat(post(payload.replace("trade-engine", "settlement-gateway")
                .replace("8c1f4b2a9d7e6f01", "0000000000000001").replace("3e77a0c4d1b95f2a", "0000000000000002")).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> pagerDuty.triggers().size() >= 2);

        List<String> dedupKeys = pagerDuty.triggers().stream().map(t -> t.path("dedup_key").asText()).toList();
        assertThat(dedupKeys).hasSize(2).doesNotHaveDuplicates().contains(incidentId);
        assertThat(incidentsOnTopic()).extracting(Incident::getId).containsOnly(incidentId, dedupKeys.get(1));

        // the API shows the incident with its signals and the PagerDuty delivery (dedup key as the reference)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode incident = getJson("/v1/incidents/" + incidentId);
            assertThat(incident.path("stage").asText()).isNotEmpty();
            assertThat(incident.path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(incident.path("services")).extracting(JsonNode::asText).containsExactly("trade-engine");
            assertThat(incident.path("signals")).hasSize(2);
            assertThat(incident.path("deliveries")).anySatisfy(d -> {
                assertThat(d.path("channel").asText()).isEqualTo("pagerduty");
                assertThat(d.path("outcome").asText()).isEqualTo("delivered");
                assertThat(d.path("ref").asText()).isEqualTo(incidentId);
            });
        });
        JsonNode list = getJson("/v1/incidents?service=trade-engine&cluster=oci-fra-1");
        assertThat(list.path("incidents")).extracting(i -> i.path("id").asText()).containsExactly(incidentId);
    }

    @Test
    void metricsAreServedInPrometheusTextFormatWithoutJvmNoise() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(appUri("/metrics")).header("Authorization", "Bearer " + READ_TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(answer.body()).contains("firebreak_notifier_pagerduty_sent_total")
                .contains("firebreak_streams_correlation_dropped_records")
                .doesNotContain("jvm_").doesNotContain("org_eclipse_jetty");
    }

    @Test
    void malformedUrisThatJettyRefusesItselfStillGetAJsonError() throws Exception {
        for (String path : List.of("/v1/incidents/a%2Fb", "/v1/alert%00manager", "/v1/incidents/%2e%2e/%2e%2e/etc")) {
            // Jetty closes the connection after refusing a bad message; a pooled connection it already closed would
            // fail the next request with "header parser received no bytes", so each request gets its own client
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(appUri(path)).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isBetween(400, 499);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(path + " -> " + answer.body()).isNotEmpty();
        }
    }

    @Test
    void aSenderTricklingItsBodyIsCutOffInSecondsNotMinutes() throws Exception {
        // the slow-body attack of a security review: no token, a 100-byte body announced, one byte every 2 s
        try (Socket socket = new Socket("127.0.0.1", app.getLocalPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        Thread.sleep(2_000); // the attack's own pacing, the point of the test
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection: what this test waits for
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            trickle.interrupt();

            // answered (401 for the missing token, or 408 for the rate) well before the 100 s the body would take
            assertThat(answer).startsWith("HTTP/1.1 4");
            assertThat(seconds).as("seconds until the server let go").isLessThan(20);
        }
    }

    @Test
    void unknownIncidentIsJson404() throws Exception {
        HttpResponse<String> answer = get("/v1/incidents/nope.20260101.0001", READ_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("unknown incident");
    }

    @Test
    void everyReadNeedsATokenWithTheReadScope() throws Exception {
        for (String path : List.of("/v1/incidents", "/v1/incidents/oci-fra-1.20260101.0001", "/v1/incidents/oci-fra-1.20260101.0001/signals",
                "/v1/incidents/oci-fra-1.20260101.0001/postmortem", "/v1/slos", "/v1/reports/mttx", "/metrics")) {
            HttpResponse<String> anonymous = get(path, null);
            HttpResponse<String> wrong = get(path, READ_TOKEN + "x");
            HttpResponse<String> ingestOnly = get(path, INGEST_TOKEN);
            HttpResponse<String> reader = get(path, READ_TOKEN);

            assertThat(anonymous.statusCode()).as("GET %s without a token", path).isEqualTo(401);
            assertThat(JSON.readTree(anonymous.body()).path("error").asText()).isEqualTo("missing_token");
            assertThat(wrong.statusCode()).as("GET %s with a wrong token", path).isEqualTo(401);
            assertThat(ingestOnly.statusCode()).as("GET %s with an ingest-only token", path).isEqualTo(403);
            assertThat(JSON.readTree(ingestOnly.body()).path("error").asText()).isEqualTo("insufficient_scope");
            assertThat(reader.statusCode()).as("GET %s with a read token: %s", path, reader.body()).isIn(200, 404);
        }
        // the dashboard's page holds no data (its calls carry the token); the probes' health check stays open
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(200, 500);
    }

    @Test
    void adminTasksThatChangeTheRunningInstanceAreOffByDefault() throws Exception {
        for (String task : List.of("gc", "log-level?logger=io.firebreak&level=TRACE")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort() + "/tasks/" + task))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("POST /tasks/%s -> %s", task, answer.body()).isEqualTo(404);
        }
    }

    @Test
    void anIngestOnlyTokenSendsAlertsButCannotActOnIncidents() throws Exception {
        HttpResponse<String> action = http.send(HttpRequest.newBuilder(appUri("/v1/incidents/oci-fra-1.20260101.0001/actions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"ack\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(action.statusCode()).as(action.body()).isEqualTo(403);
    }

    @Test
    void missingTokenIsRefusedWithJson401() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(alertmanagerUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\"");
    }

    /** With {@code token} as the bearer token; none when null. */
    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(appUri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(alertmanagerUri())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI alertmanagerUri() {
        return appUri("/v1/alertmanager");
    }

    private static URI appUri(String path) {
        return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path, READ_TOKEN);
        assertThat(answer.statusCode()).as("GET %s -> %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<Incident> incidentsOnTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "thin-path-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        List<Incident> incidents = new ArrayList<>();
        try (KafkaConsumer<String, Incident> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                serdes.value(Topics.INCIDENTS).deserializer())) {
            consumer.subscribe(List.of(Topics.INCIDENTS.name()));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Incident> record : consumer.poll(Duration.ofMillis(500))) {
                    incidents.add(record.value());
                }
                if (!consumer.assignment().isEmpty()) {
                    boolean caughtUp = consumer.endOffsets(consumer.assignment()).entrySet().stream()
                            .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (caughtUp) {
                        break;
                    }
                }
            }
        }
        return incidents;
    }
}

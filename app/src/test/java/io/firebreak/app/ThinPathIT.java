package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ResourceHelpers;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The thin path end to end, with real parts: HTTP → ingest → Kafka (embedded KRaft broker, Avro + embedded
 * Schema Registry) → Kafka Streams (exactly_once_v2) → PagerDuty notifier → a recording PagerDuty.
 */
class ThinPathIT {

    private static final String READ_TOKEN = PagingApp.READ_TOKEN;
    private static final String INGEST_TOKEN = PagingApp.INGEST_TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp("it.yml", "thin-path");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void alertmanagerPayloadPagesOnceAndResendingOpensNoSecondIncident() throws Exception {
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")));

        assertThat(firebreak.postAlertmanager(payload).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !firebreak.pagerDuty().triggers().isEmpty());
        JsonNode trigger = firebreak.pagerDuty().triggers().get(0);
        String incidentId = trigger.path("dedup_key").asText();
        assertThat(incidentId).startsWith("oci-fra-1.");
        assertThat(trigger.path("routing_key").asText()).isEqualTo(PagingApp.ROUTING_KEY);
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("summary").asText())
                .contains("trade-engine").contains("oci-fra-1").contains("CRITICAL");
        assertThat(firebreak.pagerDuty().contentTypes().get(0)).startsWith("application/json");
        assertThat(trigger.path("links")).extracting(l -> l.path("href").asText())
                .as("the incident link opens the dashboard on this incident").contains("http://localhost:8080/?incident=" + incidentId);

        // The same payload again (Alertmanager re-sends whole groups), then a marker alert on the same cluster:
        // the cluster key puts all three on one partition in order, so once the marker pages, the re-send is done.
        assertThat(firebreak.postAlertmanager(payload).statusCode()).isEqualTo(202);
        assertThat(firebreak.postAlertmanager(payload.replace("trade-engine", "settlement-gateway")
                .replace("8c1f4b2a9d7e6f01", "0000000000000001").replace("3e77a0c4d1b95f2a", "0000000000000002")).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> firebreak.pagerDuty().triggers().size() >= 2);

        List<String> dedupKeys = firebreak.pagerDuty().triggers().stream().map(t -> t.path("dedup_key").asText()).toList();
        assertThat(dedupKeys).hasSize(2).doesNotHaveDuplicates().contains(incidentId);
        assertThat(incidentsOnTopic()).extracting(Incident::getId).containsOnly(incidentId, dedupKeys.get(1));

        // the API shows the incident with its signals and the PagerDuty delivery (dedup key as the reference)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode incident = firebreak.getJson("/v1/incidents/" + incidentId);
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
        JsonNode list = firebreak.getJson("/v1/incidents?service=trade-engine&cluster=oci-fra-1");
        assertThat(list.path("incidents")).extracting(i -> i.path("id").asText()).containsExactly(incidentId);
    }

    @Test
    void metricsAreServedInPrometheusTextFormatWithoutJettyNoise() throws Exception {
        HttpResponse<String> answer = firebreak.get("/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(answer.body()).contains("firebreak_notifier_notifications_total{channel=\"pagerduty\"")
                .contains("firebreak_streams_dropped_records_total{application=\"correlation\"}")
                .doesNotContain("org_eclipse_jetty");
    }

    @Test
    void malformedUrisThatJettyRefusesItselfStillGetAJsonError() throws Exception {
        for (String path : List.of("/v1/incidents/a%2Fb", "/v1/alert%00manager", "/v1/incidents/%2e%2e/%2e%2e/etc")) {
            // Jetty closes the connection after refusing a bad message; a pooled connection it already closed would
            // fail the next request with "header parser received no bytes", so each request gets its own client
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(firebreak.uri(path)).header("Authorization", "Bearer " + PagingApp.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isBetween(400, 499);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(path + " -> " + answer.body()).isNotEmpty();
        }
    }

    @Test
    void aSenderTricklingItsBodyIsCutOffInSecondsNotMinutes() throws Exception {
        // the slow-body attack of a security review: no token, a 100-byte body announced, one byte every 2 s
        try (Socket socket = new Socket("127.0.0.1", firebreak.port())) {
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
        HttpResponse<String> answer = firebreak.get("/v1/incidents/nope.20260101.0001");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("unknown incident");
    }

    @Test
    void everyReadNeedsATokenWithTheReadScope() throws Exception {
        for (String path : List.of("/v1/incidents", "/v1/incidents/oci-fra-1.20260101.0001", "/v1/incidents/oci-fra-1.20260101.0001/signals",
                "/v1/incidents/oci-fra-1.20260101.0001/postmortem", "/v1/incidents/oci-fra-1.20260101.0001/postmortem.svg", "/v1/slos",
                "/v1/reports/mttx", "/metrics")) {
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
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + firebreak.adminPort() + "/healthcheck")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(200, 500);
    }

    @Test
    void adminTasksThatChangeTheRunningInstanceAreOffByDefault() throws Exception {
        for (String task : List.of("gc", "log-level?logger=io.firebreak&level=TRACE")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + firebreak.adminPort() + "/tasks/" + task))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as("POST /tasks/%s -> %s", task, answer.body()).isEqualTo(404);
        }
    }

    @Test
    void anIngestOnlyTokenSendsAlertsButCannotActOnIncidents() throws Exception {
        HttpResponse<String> action = http.send(HttpRequest.newBuilder(firebreak.uri("/v1/incidents/oci-fra-1.20260101.0001/actions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"ack\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(action.statusCode()).as(action.body()).isEqualTo(403);
    }

    @Test
    void missingTokenIsRefusedWithJson401() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(firebreak.uri("/v1/alertmanager"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"error\"");
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return firebreak.get(path, token);
    }

    private static List<Incident> incidentsOnTopic() {
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(firebreak.cluster().schemaRegistryUrl()));
        return firebreak.valuesOn(Topics.INCIDENTS.name(), serdes.value(Topics.INCIDENTS).deserializer());
    }
}

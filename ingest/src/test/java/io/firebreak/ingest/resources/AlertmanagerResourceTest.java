package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.Signal;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.KafkaUnavailableException;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.SchemaRegistryUnavailableException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP contract of POST /v1/alertmanager on a real Jetty, with Dropwizard's default exception mappers in place. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertmanagerResourceTest {

    private static final String TOKEN = "current-token";
    private static final String ROTATED_TOKEN = "previous-token";
    private static final long MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    private static final PrometheusRegistry METRICS = new PrometheusRegistry();
    private static final Ingest INGEST = new Ingest(
            IngestSettingsBuilder.of(List.of(TOKEN, ROTATED_TOKEN), MAX_BODY, Duration.ofSeconds(3), "default-cluster").build(),
            SINK, METRICS, Clock.fixed(Instant.parse("2026-11-28T09:13:00Z"), ZoneOffset.UTC));

    static final DropwizardClientExtension APP = new DropwizardClientExtension(INGEST.feature());

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        SINK.reset();
        baseline = alertmanagerSeries();
    }

    /** The test class shares one app: each test counts from the values the tests before it left. */
    private java.util.Map<String, Double> baseline;

    @Test
    void sampleIsAcceptedAsOneSignalPerAlertKeyedByCluster() throws Exception {
        HttpResponse<String> response = post(sample("alertmanager-firing.json"), "Bearer " + TOKEN, "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(SINK.written()).hasSize(2).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(Topics.SIGNALS);
            assertThat(record.key()).isEqualTo("oci-fra-1");
        });
        assertThat(body.get("ids").get(0).asText()).isEqualTo(((Signal) SINK.written().get(0).value()).getId());
        assertThat(counter("firebreak_ingest_requests")).isEqualTo(1);
        assertThat(counter("firebreak_ingest_events_written")).isEqualTo(2);
        assertThat(counter("firebreak_ingest_write_duration_seconds")).as("one write timed").isEqualTo(1);
    }

    @Test
    void rotatedTokenIsStillAccepted() throws Exception {
        assertThat(post(sample("alertmanager-resolved.json"), "bearer " + ROTATED_TOKEN, "application/json").statusCode()).isEqualTo(202);
    }

    @Test
    void contentTypeWithCharsetIsAccepted() throws Exception {
        assertThat(post(sample("alertmanager-firing.json"), "Bearer " + TOKEN, "application/json; charset=utf-8").statusCode()).isEqualTo(202);
    }

    @Test
    void missingTokenIs401WithBearerChallenge() throws Exception {
        HttpResponse<String> response = post(sample("alertmanager-firing.json"), null, "application/json");

        assertRejected(response, 401, "missing_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void wrongTokenIs401AndIsNotEchoed() throws Exception {
        HttpResponse<String> response = post(sample("alertmanager-firing.json"), "Bearer not-the-token", "application/json");

        assertRejected(response, 401, "invalid_token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(response.body()).doesNotContain("not-the-token");
    }

    @Test
    void basicAuthIs401() throws Exception {
        assertRejected(post(sample("alertmanager-firing.json"), "Basic " + TOKEN, "application/json"), 401, "invalid_token");
    }

    /** Bodies that break the webhook contract: a 400 naming what is wrong, and nothing written. */
    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("bodiesBreakingTheContract")
    void aBodyBreakingTheContractIs400(String what, String body, String error) throws Exception {
        assertRejected(post(body, "Bearer " + TOKEN, "application/json"), 400, error);
    }

    static Stream<Arguments> bodiesBreakingTheContract() throws IOException {
        return Stream.of(
                arguments("malformed JSON", "{\"version\": \"4\", \"alerts\": [", "malformed_json"),
                arguments("an empty body", "", "malformed_json"),
                arguments("trailing garbage", sample("alertmanager-firing.json") + " {}", "malformed_json"),
                arguments("alerts of the wrong type", "{\"version\":\"4\",\"alerts\":{}}", "malformed_json"),
                arguments("another version", sample("alertmanager-firing.json").replace("\"version\": \"4\"", "\"version\": \"5\""),
                        "unsupported_version"),
                arguments("no alerts", "{\"version\":\"4\",\"status\":\"firing\"}", "invalid_payload"),
                arguments("null", "null", "invalid_payload"));
    }

    @Test
    void oversizedBodyWithContentLengthIs413() throws Exception {
        // The 413 is decided from the Content-Length header and the body is deliberately not read (DrainRefusedBodies),
        // so a client still sending it may see a reset before the answer: only the headers are sent here.
        int length = oversized().getBytes(StandardCharsets.UTF_8).length;
        try (Socket socket = new Socket(uri().getHost(), uri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + uri().getPath() + " HTTP/1.1\r\nHost: " + uri().getHost() + "\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(answer.readLine()).startsWith("HTTP/1.1 413");
            int contentLength = -1;
            String contentType = "";
            for (String header = answer.readLine(); header != null && !header.isEmpty(); header = answer.readLine()) {
                String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(java.util.Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                if (name.equals("content-length")) {
                    contentLength = Integer.parseInt(value);
                } else if (name.equals("content-type")) {
                    contentType = value;
                }
            }
            assertThat(contentType).startsWith("application/json");
            assertThat(contentLength).isPositive();
            char[] body = new char[contentLength];
            int read = 0;
            while (read < contentLength) {
                int n = answer.read(body, read, contentLength - read);
                assertThat(n).as("the answer's body ended early").isPositive();
                read += n;
            }
            JsonNode error = JSON.readTree(new String(body));
            assertThat(error.path("error").asText()).isEqualTo("payload_too_large");
            assertThat(error.path("detail").asText()).isNotBlank();
        }
        assertThat(SINK.written()).as("nothing written for a rejected request").isEmpty();
        assertThat(counter("firebreak_ingest_requests_rejected{reason=\"payload_too_large\"}")).isEqualTo(1);
    }

    @Test
    void oversizedChunkedBodyIs413WhileReading() throws Exception {
        byte[] bytes = oversized().getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the client sends it chunked without Content-Length.
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));

        assertRejected(send(chunked, "Bearer " + TOKEN, "application/json"), 413, "payload_too_large");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertRejected(post(sample("alertmanager-firing.json"), "Bearer " + TOKEN, "text/plain"), 415, "unsupported_media_type");
    }

    @Test
    void getIs405AsJson() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri()).GET().build(), BodyHandlers.ofString());

        assertRejected(response, 405, "method_not_allowed");
    }

    @Test
    void kafkaUnavailableIs503WithRetryAfter() throws Exception {
        SINK.failWith(() -> new KafkaUnavailableException("broker down", null));

        HttpResponse<String> response = post(sample("alertmanager-firing.json"), "Bearer " + TOKEN, "application/json");

        assertRejected(response, 503, "kafka_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    }

    @Test
    void schemaRegistryUnavailableIs503WithRetryAfter() throws Exception {
        SINK.failWith(() -> new SchemaRegistryUnavailableException("registry down", 0, null));

        HttpResponse<String> response = post(sample("alertmanager-firing.json"), "Bearer " + TOKEN, "application/json");

        assertRejected(response, 503, "schema_registry_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void truncatedAlertsAreCounted() throws Exception {
        String body = sample("alertmanager-firing.json").replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": 7");

        assertThat(post(body, "Bearer " + TOKEN, "application/json").statusCode()).isEqualTo(202);
        assertThat(counter("firebreak_ingest_alerts_truncated")).isEqualTo(7);
    }

    private void assertRejected(HttpResponse<String> response, int status, String error) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(SINK.written()).as("nothing written for a rejected request").isEmpty();
        assertThat(counter("firebreak_ingest_requests_rejected{reason=\"" + error + "\"}")).isEqualTo(1);
    }

    /** How much a series of the alertmanager endpoint grew in this test: a counter's value, a histogram's count. */
    private long counter(String series) {
        return Math.round(alertmanagerSeries().getOrDefault(series, 0.0) - baseline.getOrDefault(series, 0.0));
    }

    /** {@code name} or {@code name{label="value"}} (labels besides the endpoint) → value, as scraped; other endpoints left out. */
    private static java.util.Map<String, Double> alertmanagerSeries() {
        java.util.Map<String, Double> series = new java.util.HashMap<>();
        for (MetricSnapshot snapshot : METRICS.scrape()) {
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                String endpoint = point.getLabels().get("endpoint");
                if (endpoint != null && !endpoint.equals("alertmanager")) {
                    continue;
                }
                StringBuilder name = new StringBuilder(snapshot.getMetadata().getName());
                point.getLabels().stream().filter(label -> !label.getName().equals("endpoint")).forEach(label ->
                        name.append('{').append(label.getName()).append("=\"").append(label.getValue()).append("\"}"));
                series.put(name.toString(), point instanceof CounterSnapshot.CounterDataPointSnapshot counter ? counter.getValue()
                        : (double) ((HistogramSnapshot.HistogramDataPointSnapshot) point).getCount());
            }
        }
        return series;
    }

    private HttpResponse<String> post(String body, String authorization, String contentType) throws Exception {
        return send(BodyPublishers.ofString(body), authorization, contentType);
    }

    private HttpResponse<String> send(BodyPublisher body, String authorization, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri()).POST(body).header("Content-Type", contentType);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create(APP.baseUri() + "/v1/alertmanager");
    }

    private static String oversized() throws IOException {
        String sample = sample("alertmanager-firing.json");
        String padding = "x".repeat((int) MAX_BODY);
        return sample.replace("\"receiver\": \"firebreak\"", "\"receiver\": \"firebreak\", \"padding\": \"" + padding + "\"");
    }

    static String sample(String name) throws IOException {
        try (InputStream in = AlertmanagerResourceTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

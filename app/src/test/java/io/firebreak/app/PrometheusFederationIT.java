package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.FreePort;
import io.firebreak.events.LogRecord;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes firebreak's {@code /metrics}; a second, "global" Prometheus federates from it with the
 * seed's matcher {@code {__name__=~"coroot_.*|slo_.*|alert_.*"}}. The SLO series must arrive at the global one and
 * nothing else of firebreak's must. The scrape authenticates like a production one: a Prometheus {@code authorization}
 * block with a read-scoped token (firebreak's {@code /metrics} is private). Uses the Debian {@code prometheus} binary (.ci/run installs it).
 */
@ExtendWith(PrivateClusterExtension.class)
class PrometheusFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED_MATCH = "{__name__=~\"coroot_.*|slo_.*|alert_.*\"}";

    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static final List<ExternalProcess> prometheuses = new ArrayList<>();
    private static Path prometheus;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        Optional<Path> binary = ExternalProcess.find("/usr/bin/prometheus", "/usr/local/bin/prometheus");
        Assumptions.assumeTrue(binary.isPresent(), "prometheus binary not installed (apt-get install -y prometheus): federation test skipped");
        prometheus = binary.get();
        app = TestApps.start("it.yml", cluster, dir.resolve("state"), "federation",
                ConfigOverride.config("slos.path", Path.of("..", "examples", "slos").toAbsolutePath().toString()),
                ConfigOverride.config("slos.evaluateEvery", "1s"));
        produceTradeEngineLogs(cluster);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ExternalProcess process : prometheuses) {
            process.close();
        }
        if (app != null) {
            app.after();
        }
    }

    @Test
    void globalPrometheusFederatesExactlyTheSloAndAlertSeries(@TempDir Path dir) throws Exception {
        int local = FreePort.pick();
        int global = FreePort.pick();
        startPrometheus(dir.resolve("local"), local, """
                global: { scrape_interval: 1s, evaluation_interval: 1s }
                scrape_configs:
                  - job_name: firebreak
                    authorization: { credentials: "it-read-token" }
                    static_configs: [{ targets: ["127.0.0.1:%d"] }]
                """.formatted(app.getLocalPort()));
        startPrometheus(dir.resolve("global"), global, """
                global: { scrape_interval: 1s, evaluation_interval: 1s }
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params:
                      'match[]': ['%s']
                    static_configs: [{ targets: ["127.0.0.1:%d"] }]
                """.formatted(SEED_MATCH, local));

        // the local Prometheus scrapes firebreak's own series too — the federation matcher is what filters them
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                assertThat(metricNames(local)).contains("slo_burn_rate", "firebreak_notifier_notifications_total"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(metricNames(global)).contains("slo_burn_rate", "slo_error_budget_remaining_ratio", "slo_objective_ratio",
                        "slo_sli_events_total"));

        List<String> federated = metricNames(global).stream()
                // series a Prometheus makes about its own scrape of the federation endpoint
                .filter(name -> !name.equals("up") && !name.startsWith("scrape_"))
                .toList();
        assertThat(federated).isNotEmpty().allSatisfy(name -> assertThat(name).matches("(coroot|slo|alert)_.*"));
        JsonNode burn = query(global, "slo_burn_rate{slo=\"trade_execution_latency\",window=\"5m\"}");
        assertThat(burn.path("data").path("result")).isNotEmpty();
    }

    private void startPrometheus(Path dir, int port, String config) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        ExternalProcess process = ExternalProcess.start(dir.resolve("prometheus.log"), List.of(prometheus.toString(),
                "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        prometheuses.add(process);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(process.alive()).as(process.output()).isTrue();
            assertThat(get(port, "/-/ready").statusCode()).isEqualTo(200);
        });
    }

    private List<String> metricNames(int port) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(get(port, "/api/v1/label/__name__/values").body()).path("data").forEach(n -> names.add(n.asText()));
        return names;
    }

    private JsonNode query(int port, String promql) throws Exception {
        return JSON.readTree(get(port, "/api/v1/query?query=" + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8)).body());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Good trade-engine traffic for the SLO engine: every SLO of the service gets data and burn rates. */
    private static void produceTradeEngineLogs(EmbeddedCluster cluster) {
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringSerializer(), serdes.value(Topics.LOGS).serializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < 200; i++) {
                LogRecord line = LogRecord.newBuilder().setService("trade-engine").setCluster("oci-fra-1")
                        .setAt(now.minusMillis(200 - i)).setLevel("INFO").setMessage("order executed")
                        .setStatus(i % 50 == 0 ? "REJECTED" : "FILLED").setLatencyMs(i % 25 == 0 ? 14.0 : 3.5)
                        .setFields(Map.of("cpu_utilization", "0.41")).build();
                producer.send(new ProducerRecord<>(Topics.LOGS.name(), "trade-engine", line));
            }
            producer.flush();
        }
    }
}

package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.app.replay.FirebreakClient;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.events.LogRecord;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLO engine and correlation together, on the embedded broker: simulated trade-engine logs — an hour of good
 * traffic, then a latency regression — make the burn rates rise and the page alert fire, which opens a CRITICAL
 * incident by itself; when the regression ends (a flood of fast orders), the alert resolves and the incident recovers
 * without anyone confirming it.
 */
@ExtendWith(PrivateClusterExtension.class)
class SloBurnIncidentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DropwizardTestSupport<FirebreakConfiguration> app;
    private static EmbeddedCluster cluster;
    private static FirebreakClient client;

    @BeforeAll
    static void start(EmbeddedCluster embedded, @TempDir Path dir) throws Exception {
        cluster = embedded;
        app = TestApps.start("it.yml", cluster, dir.resolve("state"), "slo-burn",
                ConfigOverride.config("slos.path", Path.of(ResourceHelpers.resourceFilePath("slos/trade-engine-latency.yml")).toString()),
                ConfigOverride.config("slos.evaluateEvery", "1s"),
                // the test writes the last hour's traffic now, so it must still count
                ConfigOverride.config("slos.grace", "2h"),
                ConfigOverride.config("recovery.stableFor", "2s"));
        client = new FirebreakClient(URI.create("http://127.0.0.1:" + app.getLocalPort()), "it-token-1", JSON);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void aLatencyRegressionBurnsTheBudgetOpensACriticalIncidentAndRecoversWhenItEnds() throws Exception {
        Instant now = Instant.now();
        // an hour of fast orders, then ten minutes in which every order takes 50 ms
        produce(6000, now.minus(Duration.ofMinutes(60)), now.minus(Duration.ofMinutes(10)), 3.0);
        produce(2000, now.minus(Duration.ofMinutes(10)), now, 50.0);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonNode slo = slo("trade_execution_latency");
            assertThat(slo.path("alert").asText()).isEqualTo("page");
            assertThat(slo.path("burnRates").path("5m").asDouble()).isGreaterThan(14.4);
            assertThat(slo.path("burnRates").path("1h").asDouble()).isGreaterThan(14.4);
        });

        JsonNode incident = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.incidents(Optional.of("trade-engine")).stream()
                .filter(i -> !i.path("closed").asBoolean()).findFirst().orElse(null), i -> i != null);
        assertThat(incident.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(incident.path("signals")).anySatisfy(s -> assertThat(s.path("source").asText()).isEqualTo("slo"));
        String id = incident.path("id").asText();

        // the regression ends: enough fast orders that every window is back far under budget
        produce(300_000, Instant.now().minusSeconds(5), Instant.now(), 2.0);

        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            JsonNode recovered = JSON.readTree(get("/v1/incidents/" + id).body());
            assertThat(recovered.path("recoveredAt").isMissingNode() || recovered.path("recoveredAt").isNull()).isFalse();
            assertThat(List.of("RECOVERED", "POSTMORTEM_PUBLISHED")).contains(recovered.path("stage").asText());
            assertThat(recovered.path("timeline")).noneSatisfy(e -> assertThat(e.path("cause").asText()).contains("confirm"));
        });
        assertThat(slo("trade_execution_latency").path("alert").asText()).isNotEqualTo("page");
    }

    private JsonNode slo(String name) throws Exception {
        for (JsonNode slo : JSON.readTree(get("/v1/slos").body()).path("slos")) {
            if (slo.path("name").asText().equals(name)) {
                return slo;
            }
        }
        throw new AssertionError("no SLO " + name);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                        .header("Authorization", "Bearer it-token-1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} trade-engine order log lines spread evenly over [from, to), each taking {@code latencyMs}. */
    private static void produce(int count, Instant from, Instant to, double latencyMs) {
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        long span = Math.max(1, Duration.between(from, to).toMillis());
        try (KafkaProducer<String, LogRecord> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), serdes.value(Topics.LOGS).serializer())) {
            for (int i = 0; i < count; i++) {
                LogRecord line = LogRecord.newBuilder().setService("trade-engine").setCluster("oci-fra-1")
                        .setAt(from.plusMillis(span * i / count)).setLevel("INFO").setMessage("order executed")
                        .setStatus("FILLED").setLatencyMs(latencyMs).build();
                producer.send(new ProducerRecord<>(Topics.LOGS.name(), "trade-engine", line));
            }
            producer.flush();
        }
    }
}

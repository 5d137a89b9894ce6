package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real Alertmanager binary: alerts injected through its API reach {@code firebreak.signals.v1}
 * through its webhook receiver (bearer token via {@code http_config.authorization}), and the resolved alert follows.
 * Skips (with the reason) only when the binary is not installed; {@code .ci/run} installs it.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class RealAlertmanagerIT {

    static final Path BINARY = Path.of(System.getenv().getOrDefault("ALERTMANAGER_BIN", "/usr/bin/prometheus-alertmanager"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void injectedAlertReachesSignalsTopicThroughTheWebhookThenItsResolveFollows(EmbeddedCluster cluster, @TempDir Path dir) throws Throwable {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "Alertmanager binary not found at " + BINARY + ": apt-get install -y prometheus-alertmanager (or set ALERTMANAGER_BIN)");
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String run = UUID.randomUUID().toString();

        try (IngestHarness ingest = new IngestHarness(cluster.bootstrapServers(), serdes, Duration.ofSeconds(5));
             Alertmanager alertmanager = Alertmanager.start(dir, ingest.baseUri() + "/v1/alertmanager", IngestHarness.TOKEN)) {
            Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
            alertmanager.inject(alert(run, startsAt, Optional.empty()));

            Signal firing = awaitSignal(cluster, serdes, run, SignalStatus.FIRING);
            assertThat(firing.getCluster()).isEqualTo("e2e-cluster");
            assertThat(firing.getService()).isEqualTo("trade-engine");
            assertThat(firing.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(firing.getReceiver()).isEqualTo("firebreak");
            assertThat(firing.getStartsAt()).isEqualTo(startsAt);
            assertThat(firing.getFingerprint()).hasSize(16);
            assertThat(firing.getGroupKey()).contains("FirebreakEndToEnd");

            alertmanager.inject(alert(run, startsAt, Optional.of(Instant.now().minusSeconds(1))));

            Signal resolved = awaitSignal(cluster, serdes, run, SignalStatus.RESOLVED);
            assertThat(resolved.getFingerprint()).isEqualTo(firing.getFingerprint());
            assertThat(resolved.getEndsAt()).isNotNull();
        }
    }

    private static Signal awaitSignal(EmbeddedCluster cluster, Serdes serdes, String run, SignalStatus status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> IngestHarness.committedSignals(cluster.bootstrapServers(), serdes).stream()
                        .map(ConsumerRecord::value)
                        .filter(signal -> run.equals(signal.getLabels().get("run")) && signal.getStatus() == status)
                        .findFirst(), Optional::isPresent).get();
    }

    private static String alert(String run, Instant startsAt, Optional<Instant> endsAt) {
        return "[{\"labels\":{\"alertname\":\"FirebreakEndToEnd\",\"cluster\":\"e2e-cluster\",\"service\":\"trade-engine\","
                + "\"severity\":\"critical\",\"run\":\"" + run + "\"},"
                + "\"annotations\":{\"summary\":\"trade-engine p99 latency above 250ms\"},"
                + "\"startsAt\":\"" + startsAt + "\","
                + endsAt.map(end -> "\"endsAt\":\"" + end + "\",").orElse("")
                + "\"generatorURL\":\"http://prometheus.example/graph\"}]";
    }

    /** One Alertmanager process on a free loopback port, HA disabled, its storage in the test's temp dir. */
    private static final class Alertmanager implements AutoCloseable {

        private final Process process;
        private final String url;
        private final HttpClient http = HttpClient.newHttpClient();

        private Alertmanager(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Alertmanager start(Path dir, String webhookUrl, String token) throws IOException {
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, """
                    route:
                      receiver: firebreak
                      group_by: [alertname, cluster]
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: firebreak
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: %s
                    """.formatted(webhookUrl, token));
            int port = freePort();
            Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=debug")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("alertmanager.log").toFile())
                    .start();
            Alertmanager alertmanager = new Alertmanager(process, "http://127.0.0.1:" + port);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> process.isAlive() && alertmanager.get("/-/ready") == 200);
            } catch (RuntimeException e) {
                alertmanager.close();
                throw new IllegalStateException("Alertmanager did not become ready; log:\n" + Files.readString(dir.resolve("alertmanager.log")), e);
            }
            return alertmanager;
        }

        void inject(String alerts) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        private int get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

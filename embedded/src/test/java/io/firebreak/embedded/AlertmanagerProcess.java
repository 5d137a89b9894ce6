package io.firebreak.embedded;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager process on a free loopback port, its config, storage and log in a directory of the test's, sending
 * every group to one webhook with a bearer token: alone (HA disabled), or as one replica of a gossip cluster on
 * 127.0.0.1. The Debian binary is installed here and by {@code .ci/run}; tests skip only when {@link #installed()} is
 * false.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("ALERTMANAGER_BIN", "/usr/bin/prometheus-alertmanager"));

    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Alone: HA disabled. */
    public static AlertmanagerProcess start(Path dir, String webhookUrl, String token) throws IOException {
        return start(dir, webhookUrl, token, "", List.of(), Duration.ofHours(1));
    }

    /**
     * One replica of a gossip cluster.
     *
     * @param gossipAddress  this replica's {@code host:port} for the cluster
     * @param peers          the other replicas' gossip addresses
     * @param repeatInterval how often an unchanged group is sent again
     */
    public static AlertmanagerProcess start(Path dir, String webhookUrl, String token, String gossipAddress, List<String> peers,
                                            Duration repeatInterval) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: firebreak
                  group_by: [alertname, cluster]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: %ds
                receivers:
                  - name: firebreak
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(repeatInterval.toSeconds(), webhookUrl, token));
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=" + gossipAddress, "--log.level=debug"));
        if (!gossipAddress.isEmpty()) {
            // a short peer timeout: the second replica waits this long for the first one's notification log before it sends
            command.addAll(List.of("--cluster.peer-timeout=2s", "--cluster.advertise-address=" + gossipAddress));
        }
        peers.forEach(peer -> command.add("--cluster.peer=" + peer));
        Path log = dir.resolve("alertmanager.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, "http://127.0.0.1:" + port);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> process.isAlive() && alertmanager.get("/-/ready") == 200);
        } catch (RuntimeException e) {
            alertmanager.close();
            throw new IllegalStateException("Alertmanager did not become ready; log:\n" + Files.readString(log), e);
        }
        return alertmanager;
    }

    /** Posts alerts ({@code /api/v2/alerts} JSON array), as Prometheus does. */
    public void inject(String alerts) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the alerts: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * One critical trade-engine alert as Prometheus posts it, labelled with {@code run} so a test finds its own; resolved
     * when {@code endsAt} is in the past.
     */
    public static String alert(String alertName, String cluster, String run, Instant startsAt, Optional<Instant> endsAt) {
        return "[{\"labels\":{\"alertname\":\"" + alertName + "\",\"cluster\":\"" + cluster + "\",\"service\":\"trade-engine\","
                + "\"severity\":\"critical\",\"run\":\"" + run + "\"},"
                + "\"annotations\":{\"summary\":\"trade-engine p99 latency above 250ms\"},"
                + "\"startsAt\":\"" + startsAt + "\","
                + endsAt.map(end -> "\"endsAt\":\"" + end + "\",").orElse("")
                + "\"generatorURL\":\"http://prometheus.example/graph\"}]";
    }

    private int get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.firebreak.bench;

import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.app.FirebreakApplication;
import io.firebreak.app.FirebreakConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real firebreak application (Dropwizard, in this JVM) against the embedded cluster, with the roles and
 * enrichment wait a benchmark phase needs. Its own logs (INFO, as in production) go to a file, not the console.
 */
public final class FirebreakInstance implements AutoCloseable {

    public static final String TOKEN = "bench-token-1";
    private static final String ROUTING_KEY = "BENCHR0UT1NGKEY32CHARSxxxxxxxxxxx";

    private static final int START_ATTEMPTS = 3;

    private final DropwizardTestSupport<FirebreakConfiguration> app;

    private FirebreakInstance(DropwizardTestSupport<FirebreakConfiguration> app) {
        this.app = app;
    }

    /**
     * @param applicationId Kafka Streams application id; reuse it (with the same state dir) to continue where a
     *                      previous instance stopped instead of re-reading every topic from the start
     * @param startupFailures collects the start-up failures a retry got past, for the report
     */
    public static FirebreakInstance start(Brokers cluster, Path workDir, List<String> roles, Duration enrichmentWait,
                                          String pagerDutyUrl, String applicationId, int partitions,
                                          List<String> startupFailures) throws Exception {
        Path config = workDir.resolve("firebreak-" + String.join("-", roles) + "-" + enrichmentWait.toMillis() + "ms.yml");
        Files.writeString(config, yaml(cluster, workDir, roles, enrichmentWait, pagerDutyUrl, applicationId, partitions));
        for (int attempt = 1; ; attempt++) {
            DropwizardTestSupport<FirebreakConfiguration> app =
                    new DropwizardTestSupport<>(FirebreakApplication.class, config.toString());
            try {
                app.before();
                return new FirebreakInstance(app);
            } catch (Exception e) {
                stopQuietly(app);
                if (attempt >= START_ATTEMPTS) {
                    throw e;
                }
                // Seen on a fresh broker: a start-up check describes topics created a moment before and gets
                // UnknownTopicOrPartition. Retried (and reported), since an operator's restart would do the same.
                startupFailures.add(e.getMessage());
                System.out.println("[bench] firebreak start-up failed, retrying: " + e.getMessage());
            }
        }
    }

    private static void stopQuietly(DropwizardTestSupport<FirebreakConfiguration> app) {
        try {
            app.after();
        } catch (RuntimeException ignored) {
            // it did not start: nothing more to stop
        }
    }



    private static String yaml(Brokers cluster, Path workDir, List<String> roles, Duration enrichmentWait,
                               String pagerDutyUrl, String applicationId, int partitions) throws IOException {
        Path log = Path.of(System.getProperty("bench.outputDir", "target"), "firebreak-app.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        return String.join("\n",
                "server:",
                "  type: default",
                "  applicationConnectors: [{ type: http, port: 0, bindHost: 127.0.0.1 }]",
                "  adminConnectors: [{ type: http, port: 0, bindHost: 127.0.0.1 }]",
                "  requestLog: { appenders: [] }",
                "logging:",
                "  level: WARN",
                "  loggers: { io.firebreak: INFO }",
                "  appenders: [{ type: file, currentLogFilename: '" + log + "', archive: false }]",
                "roles: [" + String.join(", ", roles) + "]",
                "kafka:",
                "  bootstrapServers: " + cluster.bootstrapServers(),
                "  schemaRegistryUrl: " + cluster.schemaRegistryUrl(),
                "  partitions: " + partitions,
                "  replicationFactor: 1",
                "  applicationId: " + applicationId,
                "  stateDir: '" + workDir.resolve("streams-" + applicationId) + "'",
                "ingest:",
                "  tokens: [" + TOKEN + "]",
                "  kafkaTimeout: 5s",
                "  # the per-token limit (default 100/s, burst 200) is a guard, not what this benchmark measures",
                "  rateLimit: { requestsPerSecond: 1000000, burst: 1000000 }",
                "correlation:",
                "  enrichmentWait: " + enrichmentWait.toMillis() + "ms",
                "receivers:",
                "  pagerduty: { url: '" + pagerDutyUrl + "', routingKey: " + ROUTING_KEY + " }",
                "");
    }

    public int port() {
        return app.getLocalPort();
    }

    public FirebreakClient client() {
        return new FirebreakClient(port(), TOKEN);
    }

    @Override
    public void close() {
        app.after();
    }
}

package io.firebreak.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.app.FirebreakApplication;
import io.firebreak.app.FirebreakConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The thin path (Alertmanager webhook → ingest → Kafka → correlation → PagerDuty) on a real {@code apache/kafka:4.4.0}
 * broker and Confluent's registry instead of the embedded pair: one firing alert, one page.
 */
@Testcontainers(disabledWithoutDocker = true)
class ThinPathContainersIT {

    @Container
    static final ConfluentStack STACK = new ConfluentStack();

    private static final String TOKEN = "containers-it-token";

    @Test
    void anAlertmanagerAlertIsPagedOnce(@TempDir Path dir) throws Exception {
        try (MockWebServer pagerDuty = new MockWebServer()) {
            for (int i = 0; i < 10; i++) {
                pagerDuty.enqueue(new MockResponse.Builder().code(202).body("{\"status\":\"success\"}").build());
            }
            pagerDuty.start();
            Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                    server:
                      applicationConnectors: [{ type: http, port: 0, bindHost: 127.0.0.1 }]
                      adminConnectors: [{ type: http, port: 0, bindHost: 127.0.0.1 }]
                    kafka: { partitions: 1, replicationFactor: 1 }
                    ingest: { tokens: ["%s"] }
                    correlation: { enrichmentWait: 0s }
                    """.formatted(TOKEN));
            DropwizardTestSupport<FirebreakConfiguration> app = new DropwizardTestSupport<>(FirebreakApplication.class, config.toString(),
                    ConfigOverride.config("kafka.bootstrapServers", STACK.bootstrapServers()),
                    ConfigOverride.config("kafka.schemaRegistryUrl", STACK.registryUrl()),
                    ConfigOverride.config("kafka.stateDir", dir.resolve("state").toString()),
                    ConfigOverride.config("receivers.pagerduty.url", pagerDuty.url("/v2/enqueue").toString()),
                    ConfigOverride.config("receivers.pagerduty.routingKey", "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx"));
            app.before();
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + app.getLocalPort() + "/v1/alertmanager"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"version":"4","status":"firing","receiver":"firebreak","groupKey":"{}:{}","truncatedAlerts":0,
                                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager",
                                 "alerts":[{"status":"firing","fingerprint":"c0ffee42d00d",
                                   "labels":{"alertname":"TradeLatency","cluster":"oci-fra-1","service":"trade-engine","severity":"critical"},
                                   "annotations":{"summary":"trade-engine slow"},"startsAt":"2026-12-01T12:00:00Z",
                                   "endsAt":"0001-01-01T00:00:00Z","generatorURL":""}]}
                                """)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

                await().atMost(Duration.ofSeconds(120)).until(() -> pagerDuty.getRequestCount() >= 1);
                RecordedRequest page = pagerDuty.takeRequest();
                assertThat(page.getBody().utf8()).contains("\"event_action\":\"trigger\"", "oci-fra-1.");
            } finally {
                app.after();
            }
        }
    }
}

package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.embedded.AlertmanagerProcess;
import io.firebreak.embedded.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Alertmanager HA pair: two real Alertmanager processes in one gossip cluster on 127.0.0.1, both sending to the whole
 * firebreak. Prometheus sends the alert to both: exactly one page. Then only one replica learns of the resolve (as when
 * Prometheus loses one of them) while the other keeps re-sending the firing episode every two seconds: the alert stays
 * resolved, is never marked flapping, and nobody is paged again.
 */
class AlertmanagerHaIT {

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp("it.yml", "alertmanager-ha");

    @Test
    void aPairPagesOnceAndTheLaggingReplicasResendIsNoFlip(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(AlertmanagerProcess.installed(),
                "Alertmanager binary not found at " + AlertmanagerProcess.BINARY + ": apt-get install -y prometheus-alertmanager");
        String webhook = "http://127.0.0.1:" + firebreak.port() + "/v1/alertmanager";
        String gossip1 = "127.0.0.1:" + FreePort.pick();
        String gossip2 = "127.0.0.1:" + FreePort.pick();
        String run = UUID.randomUUID().toString();
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);

        try (AlertmanagerProcess first = AlertmanagerProcess.start(dir.resolve("am1"), webhook, PagingApp.TOKEN, gossip1, List.of(gossip2),
                Duration.ofSeconds(2));
             AlertmanagerProcess second = AlertmanagerProcess.start(dir.resolve("am2"), webhook, PagingApp.TOKEN, gossip2, List.of(gossip1),
                     Duration.ofSeconds(2))) {
            first.inject(AlertmanagerProcess.alert("TradeEngineDown", "ha-cluster", run, startsAt, Optional.empty()));
            second.inject(AlertmanagerProcess.alert("TradeEngineDown", "ha-cluster", run, startsAt, Optional.empty()));

            JsonNode incident = await().atMost(Duration.ofSeconds(60)).until(AlertmanagerHaIT::incident, Optional::isPresent).get();
            String id = incident.path("id").asText();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(triggers(id)).isEqualTo(1));

            first.inject(AlertmanagerProcess.alert("TradeEngineDown", "ha-cluster", run, startsAt,
                    Optional.of(Instant.now().minusSeconds(1))));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(signal().path("status").asText()).isEqualTo("resolved"));

            // the second replica still has the alert firing and re-sends it (repeat interval 2 s) for the whole period
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode signal = signal();
                assertThat(signal.path("status").asText()).isEqualTo("resolved");
                assertThat(signal.path("flapping").asBoolean()).isFalse();
                assertThat(triggers(id)).isEqualTo(1);
            });
            assertThat(firebreak.pagerDuty().events()).filteredOn(e -> e.path("dedup_key").asText().equals(id))
                    .extracting(e -> e.path("event_action").asText()).containsOnlyOnce("trigger");
        }
    }

    private static Optional<JsonNode> incident() throws Exception {
        JsonNode list = firebreak.getJson("/v1/incidents?cluster=ha-cluster").path("incidents");
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static JsonNode signal() throws Exception {
        return incident().orElseThrow().path("signals").get(0);
    }

    private static long triggers(String id) {
        return firebreak.pagerDuty().events().stream()
                .filter(e -> e.path("dedup_key").asText().equals(id) && e.path("event_action").asText().equals("trigger")).count();
    }
}

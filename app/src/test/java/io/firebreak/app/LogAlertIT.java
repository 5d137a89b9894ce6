package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.app.replay.FirebreakClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code logAlerts:} end to end on the embedded broker: NDJSON lines on {@code POST /v1/logs} → the SLO engine → a
 * Signal with source {@code logs} → one incident, paged per the routes (CRITICAL: PagerDuty), and resolved when the
 * lines stop. A one-minute window keeps the test short; the rule is otherwise the documented RiskLimitRejections.
 */
class LogAlertIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp(itConfigWithRule(), "log-alerts",
            ConfigOverride.config("slos.evaluateEvery", "1s"));

    /** it.yml and one rule: 50 RISK_LIMIT lines of risk-service within a minute are a CRITICAL signal. */
    private static String itConfigWithRule() {
        try {
            Path config = Files.createTempFile("log-alerts-it-", ".yml");
            Files.writeString(config, Files.readString(Path.of(ResourceHelpers.resourceFilePath("it.yml")), StandardCharsets.UTF_8) + """

                    logAlerts:
                      - { name: RiskLimitRejections, service: risk-service, match: { status: RISK_LIMIT }, threshold: { count: 50, within: 1m }, severity: CRITICAL }
                    """, StandardCharsets.UTF_8);
            config.toFile().deleteOnExit();
            return config.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sixtyRejectionsAreOnePageFortyAndTheirResendsAreNoneAndTheSignalResolvesWhenTheyStop() throws Exception {
        FirebreakClient client = firebreak.client(PagingApp.TOKEN);
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ObjectNode> first = lines(40, sent.minusSeconds(20));
        List<ObjectNode> next = lines(20, sent.minusSeconds(10));

        send(client, first);
        send(client, first); // Fluent Bit retried after a timeout: the same 40 lines again
        send(client, next);

        JsonNode incident = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.incidents(Optional.of("risk-service"))
                .stream().filter(i -> i.path("cluster").asText().equals("oci-par-1")).findFirst().orElse(null), i -> i != null);
        assertThat(incident.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(incident.path("signals")).singleElement().satisfies(signal -> {
            assertThat(signal.path("source").asText()).isEqualTo("logs");
            assertThat(signal.path("summary").asText()).isEqualTo("RiskLimitRejections: 50 lines with status=\"RISK_LIMIT\" in 1m on risk-service");
        });
        // the episode (the signal's startsAt, the incident's detection) starts at the 50th distinct line: had the resent
        // lines counted, it would have started among the first 40
        assertThat(incident.path("timeline")).filteredOn(entry -> entry.path("stage").asText().equals("SIGNAL_DETECTED"))
                .singleElement().satisfies(entry -> assertThat(Instant.parse(entry.path("at").asText()))
                        .isEqualTo(Instant.parse(next.get(9).path("timestamp").asText())));
        String id = incident.path("id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(firebreak.pagerDuty().triggers())
                .filteredOn(page -> page.path("dedup_key").asText().equals(id)).hasSize(1));

        // the first 40 leave the one-minute window, the 20 left are under the threshold: the signal resolves
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(firebreak.getJson("/v1/incidents/" + id + "/signals?status=resolved")
                .path("signals")).singleElement().satisfies(signal -> assertThat(signal.path("source").asText()).isEqualTo("logs")));
        assertThat(firebreak.pagerDuty().triggers()).filteredOn(page -> page.path("dedup_key").asText().equals(id)).hasSize(1);
        assertThat(client.incidents(Optional.of("risk-service"))).filteredOn(i -> i.path("cluster").asText().equals("oci-par-1")).hasSize(1);
    }

    /** {@code count} rejection lines of risk-service, 10 ms apart from {@code from}, each stamped (so a resend has the same id). */
    private static List<ObjectNode> lines(int count, Instant from) {
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(JSON.createObjectNode().put("timestamp", from.plusMillis(10L * i).toString()).put("service", "risk-service")
                    .put("cluster", "oci-par-1").put("level", "WARN").put("msg", "order rejected: risk limit").put("status", "RISK_LIMIT")
                    .put("order_id", "o-" + from.toEpochMilli() + "-" + i));
        }
        return lines;
    }

    private static void send(FirebreakClient client, List<ObjectNode> lines) throws Exception {
        FirebreakClient.Answer answer = client.post("/v1/logs", lines.stream().map(JsonNode::toString).collect(Collectors.joining("\n")),
                "application/x-ndjson");
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
    }
}

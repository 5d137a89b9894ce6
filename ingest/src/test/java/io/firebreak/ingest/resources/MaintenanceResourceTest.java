package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST, GET and DELETE /v1/maintenance on a real Jetty: scopes, validation, and what reaches the topic. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MaintenanceResourceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T22:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    private static final String PATCHING = "{\"name\":\"db patching\",\"matchers\":[\"cluster=\\\"oci-fra-1\\\"\"],"
            + "\"startsAt\":\"2026-12-01T22:00:00Z\",\"endsAt\":\"2026-12-01T23:00:00Z\",\"comment\":\"CHG-1234\"}";
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of(new ApiToken("ci-bot", "ci-secret", Set.of(Scope.ACTIONS)),
                    new ApiToken("grafana", "read-secret", Set.of(Scope.READ))), 64 * 1024, Duration.ofSeconds(1)).build(),
            SINK, new PrometheusRegistry(), Clock.fixed(NOW, ZoneOffset.UTC), id -> java.util.Optional.empty(),
            MaintenanceResourceTest::windowsWritten).feature());

    private final TestHttp http = new TestHttp(APP.baseUri().toString());

    /** The topic as compaction leaves it: the latest record of each window. */
    private static List<MaintenanceWindow> windowsWritten() {
        Map<String, MaintenanceWindow> latest = new LinkedHashMap<>();
        for (EventRecord<?> record : SINK.written()) {
            if (record.topic().equals(Topics.MAINTENANCE)) {
                latest.put(record.key(), (MaintenanceWindow) record.value());
            }
        }
        return List.copyOf(latest.values());
    }

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void aCreatedWindowIsWrittenKeyedByItsIdListedActiveAndDeletedAgain() throws Exception {
        HttpResponse<String> created = http.post("/v1/maintenance", PATCHING, TestHttp.json("ci-secret"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        MaintenanceWindow written = SINK.onlyEvent(Topics.MAINTENANCE, id);
        assertThat(written.getMatchers()).containsExactly("cluster=\"oci-fra-1\"");
        assertThat(written.getCreatedBy()).isEqualTo("ci-bot");

        HttpResponse<String> list = http.send("GET", "/v1/maintenance", "read-secret");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode listed = JSON.readTree(list.body()).get("windows");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("db patching");
        assertThat(listed.get(0).get("comment").asText()).isEqualTo("CHG-1234");
        assertThat(listed.get(0).get("activeUntil").asText()).isEqualTo("2026-12-01T23:00:00Z");
        assertThat(listed.get(0).get("span").toString())
                .isEqualTo("{\"from\":\"2026-12-01T22:00:00Z\",\"until\":\"2026-12-01T23:00:00Z\",\"active\":true}");

        assertThat(http.send("DELETE", "/v1/maintenance/" + id, "ci-secret").statusCode()).isEqualTo(200);
        assertThat(windowsWritten()).singleElement().satisfies(deleted -> assertThat(deleted.getDeletedBy()).isEqualTo("ci-bot"));
        assertThat(JSON.readTree(http.send("GET", "/v1/maintenance", "read-secret").body()).get("windows")).isEmpty();
        assertError(http.send("DELETE", "/v1/maintenance/" + id, "ci-secret"), 404, "unknown_maintenance_window");
    }

    @Test
    void aRecurringWindowKeepsItsCronDurationAndTimeZoneAndListsItsNextSpan() throws Exception {
        HttpResponse<String> created = http.post("/v1/maintenance", "{\"name\":\"sunday patching\",\"matchers\":[\"cluster=\\\"oci-fra-1\\\"\"],"
                + "\"recurrence\":{\"cron\":\"0 2 * * SUN\",\"duration\":\"2h\",\"timezone\":\"Europe/Berlin\"}}", TestHttp.json("ci-secret"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        MaintenanceWindow written = (MaintenanceWindow) SINK.written().get(0).value();
        assertThat(written.getRecurrence().getCron()).isEqualTo("0 2 * * SUN");
        assertThat(written.getRecurrence().getDurationSeconds()).isEqualTo(7200);
        assertThat(written.getRecurrence().getTimezone()).isEqualTo("Europe/Berlin");
        assertThat(written.getEndsAt()).isNull();
        // listed on a Tuesday: the next span is Sunday 02:00-04:00 in Berlin (winter time, UTC+1)
        JsonNode listed = JSON.readTree(http.send("GET", "/v1/maintenance", "read-secret").body()).get("windows").get(0);
        assertThat(listed.get("activeUntil").isNull()).isTrue();
        assertThat(listed.get("span").toString())
                .isEqualTo("{\"from\":\"2026-12-06T01:00:00Z\",\"until\":\"2026-12-06T03:00:00Z\",\"active\":false}");
    }

    @Test
    void creatingNeedsTheActionsScopeAndListingTheReadScope() throws Exception {
        assertError(http.post("/v1/maintenance", PATCHING, TestHttp.json("read-secret")), 403, "insufficient_scope");
        assertError(http.send("GET", "/v1/maintenance", "ci-secret"), 403, "insufficient_scope");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void aWindowTheCorrelationCouldNotReadIsRefusedWithTheReason() throws Exception {
        assertError(http.post("/v1/maintenance", "{\"name\":\"all\",\"matchers\":[],\"endsAt\":\"2026-12-01T23:00:00Z\"}",
                TestHttp.json("ci-secret")), 400, "invalid_payload");
        assertError(http.post("/v1/maintenance", "{\"name\":\"x\",\"matchers\":[\"cluster\"],\"endsAt\":\"2026-12-01T23:00:00Z\"}",
                TestHttp.json("ci-secret")), 400, "invalid_payload");
        assertError(http.post("/v1/maintenance", "{\"name\":\"x\",\"matchers\":[\"cluster=\\\"a\\\"\"],"
                + "\"recurrence\":{\"cron\":\"0 25 * * *\",\"duration\":\"2h\"}}", TestHttp.json("ci-secret")), 400, "invalid_payload");
        assertError(http.post("/v1/maintenance", "{\"name\":\"x\",\"matchers\":[\"cluster=\\\"a\\\"\"],"
                + "\"recurrence\":{\"cron\":\"0 2 * * *\",\"duration\":\"2h\",\"timezone\":\"Mars/Olympus\"}}", TestHttp.json("ci-secret")),
                400, "invalid_payload");
        assertError(http.post("/v1/maintenance", "{\"name\":\"x\",\"matchers\":[\"cluster=\\\"a\\\"\"]}", TestHttp.json("ci-secret")),
                400, "invalid_payload");
        assertThat(SINK.written()).isEmpty();
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo(error);
    }
}

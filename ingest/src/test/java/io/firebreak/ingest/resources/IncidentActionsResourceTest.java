package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Stage;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/incidents/{id}/actions with a read model: 202, 404, 409 per the incident's state. */
@ExtendWith(DropwizardExtensionsSupport.class)
class IncidentActionsResourceTest {

    private static final String OPEN = "oci-fra-1.20261128.0042";
    private static final String DOTTED = "prod.eu.west.20261128.0007";
    private static final Instant T0 = Instant.parse("2026-11-28T09:13:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    private static final Map<String, Incident> STORE = new ConcurrentHashMap<>();
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 64 * 1024, Duration.ofSeconds(1), "dc").build(),
            SINK, new PrometheusRegistry(), Clock.systemUTC(), id -> Optional.ofNullable(STORE.get(id))).feature());

    static {
        // incidents are built here before any serde has told Avro to trust the generated classes (their defaults need it)
        io.firebreak.schemas.TrustedPackages.trustEvents();
    }

    @BeforeEach
    void reset() {
        SINK.reset();
        STORE.clear();
        STORE.put(OPEN, incident(OPEN, "oci-fra-1", Stage.PAGED));
        STORE.put(DOTTED, incident(DOTTED, "prod.eu.west", Stage.ALERT_FIRED));
    }

    @Test
    void ackIsWrittenKeyedByTheClusterOfTheIdAndAnsweredWithTheCommandId() throws Exception {
        HttpResponse<String> response = post(OPEN, "{\"action\":\"ack\",\"actor\":\"dana.keller\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(SINK.written()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.ACTIONS);
            assertThat(record.key()).isEqualTo("oci-fra-1");
            LifecycleCommand command = (LifecycleCommand) record.value();
            assertThat(command.getAction()).isEqualTo(LifecycleAction.ACK);
            // the token is who acted; the body's actor is what it claims
            assertThat(command.getActor()).isEqualTo("ingest-token-1 (claims: dana.keller)");
            assertThat(command.getOrigin()).isEqualTo("api");
            assertThat(JSON.readTree(response.body()).get("commandId").asText()).isEqualTo(command.getId());
        });
    }

    @Test
    void clusterNamesWithDotsAreKeptWhole() throws Exception {
        assertThat(post(DOTTED, "{\"action\":\"mitigate\"}").statusCode()).isEqualTo(202);
        assertThat(SINK.written().get(0).key()).isEqualTo("prod.eu.west");
    }

    @Test
    void actionItemCarriesOwnerDescriptionAndDueDate() throws Exception {
        HttpResponse<String> response = post(OPEN, "{\"action\":\"action-item\",\"actor\":\"dana\",\"note\":\"alert on CPU throttling\","
                + "\"owner\":\"jane\",\"due\":\"2026-12-05\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        LifecycleCommand command = (LifecycleCommand) SINK.written().get(0).value();
        assertThat(command.getAction()).isEqualTo(LifecycleAction.ACTION_ITEM);
        assertThat(command.getOwner()).isEqualTo("jane");
        assertThat(command.getNote()).isEqualTo("alert on CPU throttling");
        assertThat(command.getDue()).isEqualTo("2026-12-05");
    }

    @Test
    void actionItemWithoutOwnerOrWithBadDueIs400() throws Exception {
        assertError(post(OPEN, "{\"action\":\"action-item\",\"note\":\"x\"}"), 400, "invalid_payload");
        assertError(post(OPEN, "{\"action\":\"action-item\",\"note\":\"x\",\"owner\":\"jane\",\"due\":\"next friday\"}"), 400, "invalid_payload");
        assertError(post(OPEN, "{\"action\":\"note\"}"), 400, "invalid_payload");
        assertError(post(OPEN, "{\"action\":\"reboot\"}"), 400, "unknown_action");
    }

    @Test
    void aNoteOrActionItemLongerThanTheIncidentKeepsIs413AndNothingIsWritten() throws Exception {
        String longest = "n".repeat(io.firebreak.schemas.IncidentLimits.NOTE_BYTES);
        assertError(post(OPEN, "{\"action\":\"note\",\"note\":\"" + longest + "x\"}"), 413, "note_too_large");
        // multi-byte text is measured in UTF-8 bytes, which is what the record holds
        assertError(post(OPEN, "{\"action\":\"note\",\"note\":\"" + "é".repeat(io.firebreak.schemas.IncidentLimits.NOTE_BYTES / 2 + 1)
                + "\"}"), 413, "note_too_large");
        assertError(post(OPEN, "{\"action\":\"action-item\",\"owner\":\"jane\",\"note\":\""
                + "a".repeat(io.firebreak.schemas.IncidentLimits.ACTION_ITEM_BYTES + 1) + "\"}"), 413, "note_too_large");
        assertThat(SINK.written()).isEmpty();

        assertThat(post(OPEN, "{\"action\":\"note\",\"note\":\"" + longest + "\"}").statusCode()).isEqualTo(202);
        assertThat(((LifecycleCommand) SINK.written().get(0).value()).getNote()).hasSize(io.firebreak.schemas.IncidentLimits.NOTE_BYTES);
    }

    @Test
    void unknownOrMalformedIdIs404() throws Exception {
        assertError(post("oci-fra-1.20261128.9999", "{\"action\":\"ack\"}"), 404, "unknown_incident");
        assertError(post("not-an-incident", "{\"action\":\"ack\"}"), 404, "unknown_incident");
    }

    @Test
    void actionsThatDoNotFitTheStateAre409WithTheReason() throws Exception {
        Incident acked = incident(OPEN, "oci-fra-1", Stage.PAGED);
        acked.setAcknowledgedAt(T0);
        STORE.put(OPEN, acked);
        assertError(post(OPEN, "{\"action\":\"ack\"}"), 409, "conflict");

        Incident mitigated = incident(OPEN, "oci-fra-1", Stage.MITIGATED);
        mitigated.setMitigatedAt(T0);
        STORE.put(OPEN, mitigated);
        assertThat(JSON.readTree(post(OPEN, "{\"action\":\"mitigate\"}").body()).get("detail").asText()).contains("already mitigated");

        STORE.put(OPEN, incident(OPEN, "oci-fra-1", Stage.RECOVERED));
        assertError(post(OPEN, "{\"action\":\"mitigate\"}"), 409, "conflict");

        Incident closed = incident(OPEN, "oci-fra-1", Stage.POSTMORTEM_PUBLISHED);
        closed.setClosed(true);
        STORE.put(OPEN, closed);
        assertError(post(OPEN, "{\"action\":\"resolve\"}"), 409, "conflict");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void anActionItemBeyondWhatTheIncidentKeepsIs409LikeTheTopologysRejection() throws Exception {
        Incident full = incident(OPEN, "oci-fra-1", Stage.RECOVERED);
        full.setActionItems(java.util.Collections.nCopies(io.firebreak.schemas.IncidentLimits.ACTION_ITEMS,
                io.firebreak.events.ActionItem.newBuilder().setId("a").setDescription("d").setStatus("open").build()));
        STORE.put(OPEN, full);

        HttpResponse<String> response = post(OPEN, "{\"action\":\"action-item\",\"note\":\"x\",\"owner\":\"jane\"}");

        assertError(response, 409, "conflict");
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("already has 30 action items");
        assertThat(post(OPEN, "{\"action\":\"note\",\"note\":\"x\"}").statusCode()).isEqualTo(202);
    }

    @Test
    void idempotencyKeyMakesARetryTheSameCommand() throws Exception {
        TestHttp http = new TestHttp(APP.baseUri().toString());
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer t", "Idempotency-Key", "soar-run-17");
        String first = JSON.readTree(http.post("/v1/incidents/" + OPEN + "/actions", "{\"action\":\"note\",\"note\":\"x\"}", headers).body())
                .get("commandId").asText();
        String second = JSON.readTree(http.post("/v1/incidents/" + OPEN + "/actions", "{\"action\":\"note\",\"note\":\"x\"}", headers).body())
                .get("commandId").asText();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void withoutBearerTokenIs401() throws Exception {
        HttpResponse<String> response = new TestHttp(APP.baseUri().toString()).post("/v1/incidents/" + OPEN + "/actions",
                "{\"action\":\"ack\"}", Map.of("Content-Type", "application/json"));

        assertError(response, 401, "missing_token");
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(SINK.written()).isEmpty();
    }

    static Incident incident(String id, String cluster, Stage stage) {
        return Incident.newBuilder().setId(id).setCluster(cluster).setStage(stage).setOpenedAt(T0).setUpdatedAt(T0).build();
    }

    private HttpResponse<String> post(String id, String body) throws Exception {
        return new TestHttp(APP.baseUri().toString()).post("/v1/incidents/" + id + "/actions", body, TestHttp.json("t"));
    }
}

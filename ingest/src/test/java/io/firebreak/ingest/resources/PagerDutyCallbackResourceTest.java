package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.ingest.callbacks.HmacSha256;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/callbacks/pagerduty: v3 signatures (rotation on both sides) and the mapping to lifecycle commands. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PagerDutyCallbackResourceTest {

    private static final String SECRET = "pd-current-secret";
    private static final String OLD_SECRET = "pd-previous-secret";
    private static final String INCIDENT = "oci-fra-1.20261128.0042";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 512 * 1024, Duration.ofSeconds(1), "dc").callbackSecrets(List.of(SECRET, OLD_SECRET), List.of()).build(),
            SINK, new PrometheusRegistry(), Clock.systemUTC(),
            PagerDutyCallbackResourceTest::incident).feature());
    /** Opened at 10:00, after the sample acknowledgement's occurred_at (09:16:41). */
    private static final String LATER_INCIDENT = "oci-fra-1.20261128.0050";

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void validSignatureOnTheSampleAcknowledgesOurIncident() throws Exception {
        byte[] body = acknowledged();

        HttpResponse<String> response = post(body, "v1=" + HmacSha256.hex(SECRET, body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        LifecycleCommand command = SINK.onlyEvent(Topics.ACTIONS, "oci-fra-1");
        assertThat(command.getAction()).isEqualTo(LifecycleAction.ACK);
        assertThat(command.getIncidentId()).isEqualTo(INCIDENT);
        assertThat(command.getActor()).isEqualTo("Dana Keller");
        assertThat(command.getOrigin()).isEqualTo("pagerduty");
        assertThat(command.getAt()).isEqualTo(Instant.parse("2026-11-28T09:16:41.102Z"));
        assertThat(JSON.readTree(response.body()).get("commandId").asText()).isEqualTo(command.getId());
    }

    @Test
    void secretBeingRotatedOutStillVerifies() throws Exception {
        byte[] body = acknowledged();

        assertThat(post(body, "v1=" + HmacSha256.hex(OLD_SECRET, body)).statusCode()).isEqualTo(202);
    }

    @Test
    void anyOfSeveralSignaturesMayMatch() throws Exception {
        byte[] body = acknowledged();
        String header = "v1=" + HmacSha256.hex("pagerduty-new-secret-we-do-not-know-yet", body) + ", v1=" + HmacSha256.hex(SECRET, body);

        assertThat(post(body, header).statusCode()).isEqualTo(202);
    }

    @Test
    void sameWebhookDeliveredTwiceIsTheSameCommand() throws Exception {
        byte[] body = acknowledged();
        post(body, "v1=" + HmacSha256.hex(SECRET, body));
        post(body, "v1=" + HmacSha256.hex(SECRET, body));

        assertThat(SINK.written()).extracting(record -> ((LifecycleCommand) record.value()).getId()).hasSize(2).containsOnly(
                ((LifecycleCommand) SINK.written().get(0).value()).getId());
    }

    @Test
    void aSignedEventReplayedUnderAnotherWebhookIdIsStillTheSameCommand() throws Exception {
        // X-Webhook-Id is not signed: a replay of a captured body may carry any id, the signed event.id stays
        byte[] body = acknowledged();
        post(body, "v1=" + HmacSha256.hex(SECRET, body), "wh-1");
        post(body, "v1=" + HmacSha256.hex(SECRET, body), "wh-replayed-with-a-new-id");

        assertThat(SINK.written()).extracting(record -> ((LifecycleCommand) record.value()).getId()).hasSize(2).containsOnly(
                ((LifecycleCommand) SINK.written().get(0).value()).getId());
    }

    @Test
    void wrongSecretTamperedBodyAndMissingOrForeignVersionAre401WithNothingWritten() throws Exception {
        byte[] body = acknowledged();
        String valid = "v1=" + HmacSha256.hex(SECRET, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Dana Keller", "Mallory").getBytes(StandardCharsets.UTF_8);

        assertUnauthorized(post(body, "v1=" + HmacSha256.hex("wrong-secret", body)), "invalid_signature");
        assertUnauthorized(post(tampered, valid), "invalid_signature");
        assertUnauthorized(post(body, valid.replace("v1=", "v2=")), "invalid_signature");
        assertUnauthorized(post(body, null), "missing_signature");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void resolvedAndAnnotatedMapToResolveAndNote() throws Exception {
        String resolved = new String(acknowledged(), StandardCharsets.UTF_8).replace("incident.acknowledged", "incident.resolved");
        String note = "{\"event\":{\"id\":\"E2\",\"event_type\":\"incident.annotated\",\"occurred_at\":\"2026-11-28T09:20:00Z\","
                + "\"agent\":{\"summary\":\"Dana Keller\"},\"data\":{\"type\":\"incident_note\",\"content\":\"rolled back risk-service\","
                + "\"incident\":{\"id\":\"Q1\",\"incident_key\":\"" + INCIDENT + "\"}}}}";

        assertThat(postSigned(resolved).statusCode()).isEqualTo(202);
        assertThat(postSigned(note).statusCode()).isEqualTo(202);

        assertThat(SINK.written()).extracting(record -> ((LifecycleCommand) record.value()).getAction())
                .containsExactly(LifecycleAction.RESOLVE, LifecycleAction.NOTE);
        assertThat(((LifecycleCommand) SINK.written().get(1).value()).getNote()).isEqualTo("rolled back risk-service");
    }

    @Test
    void otherEventTypesAndForeignIncidentsAreIgnoredWith202() throws Exception {
        String sample = TestHttp.sample("pagerduty-v3-webhook-incident-acknowledged.json"); // its incident_key is not a firebreak id
        HttpResponse<String> foreign = postSigned(sample);
        HttpResponse<String> escalated = postSigned(new String(acknowledged(), StandardCharsets.UTF_8)
                .replace("incident.acknowledged", "incident.escalated"));

        assertThat(foreign.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(foreign.body()).get("ignored").asText()).contains("not a firebreak incident id");
        assertThat(escalated.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(escalated.body()).get("ignored").asText()).contains("incident.escalated");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void aSignedAcknowledgementForAnIncidentThisFirebreakDoesNotKnowIsAnswered202AndWritesNothing() throws Exception {
        byte[] body = acknowledged("oci-fra-1.20261128.0099");

        HttpResponse<String> response = post(body, "v1=" + HmacSha256.hex(SECRET, body));

        assertThat(response.statusCode()).as("PagerDuty must not retry it").isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("ignored").asText()).contains("unknown incident oci-fra-1.20261128.0099");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void aSignedEventDatedBeforeItsIncidentOpenedIsAReplayAnswered202AndWritesNothing() throws Exception {
        byte[] body = acknowledged(LATER_INCIDENT);

        HttpResponse<String> response = post(body, "v1=" + HmacSha256.hex(SECRET, body));

        assertThat(response.statusCode()).as("PagerDuty must not retry it").isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("ignored").asText()).contains("before incident " + LATER_INCIDENT + " opened");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void anEventDatedInTheFutureIsDatedNow() throws Exception {
        byte[] body = new String(acknowledged(), StandardCharsets.UTF_8).replace("2026-11-28T09:16:41.102Z", "2099-01-01T00:00:00Z")
                .getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();

        assertThat(post(body, "v1=" + HmacSha256.hex(SECRET, body)).statusCode()).isEqualTo(202);

        assertThat(SINK.<LifecycleCommand>onlyEvent(Topics.ACTIONS, "oci-fra-1").getAt()).isBetween(before.minusMillis(1), Instant.now());
    }

    private static Optional<Incident> incident(String id) {
        Incident incident = new Incident();
        if (id.equals(LATER_INCIDENT)) {
            incident.setOpenedAt(Instant.parse("2026-11-28T10:00:00Z"));
        }
        return id.equals(INCIDENT) || id.equals(LATER_INCIDENT) ? Optional.of(incident) : Optional.empty();
    }

    @Test
    void signedButUnparsableBodyIs400() throws Exception {
        HttpResponse<String> response = postSigned("{\"event\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("malformed_json");
    }

    private static void assertUnauthorized(HttpResponse<String> response, String error) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
    }

    static byte[] acknowledged() throws Exception {
        return acknowledged(INCIDENT);
    }

    private static byte[] acknowledged(String incident) throws Exception {
        return TestHttp.sample("pagerduty-v3-webhook-incident-acknowledged.json")
                .replace("inc:oci-fra-1:trade-engine:TradeEngineHighLatency", incident).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> postSigned(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, "v1=" + HmacSha256.hex(SECRET, bytes));
    }

    private HttpResponse<String> post(byte[] body, String signature) throws Exception {
        return post(body, signature, "wh-1");
    }

    private HttpResponse<String> post(byte[] body, String signature, String webhookId) throws Exception {
        Map<String, String> headers = signature == null
                ? Map.of("Content-Type", "application/json", "X-Webhook-Id", webhookId)
                : Map.of("Content-Type", "application/json", "X-Webhook-Id", webhookId, "X-PagerDuty-Signature", signature);
        return new TestHttp(APP.baseUri().toString()).post("/v1/callbacks/pagerduty", body, headers);
    }
}

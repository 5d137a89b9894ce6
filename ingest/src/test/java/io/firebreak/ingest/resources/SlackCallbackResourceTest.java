package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.ingest.callbacks.HmacSha256;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/callbacks/slack: v0 signatures with the 5-minute replay window, and button clicks to lifecycle commands. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlackCallbackResourceTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Instant NOW = Instant.parse("2026-11-28T09:17:00Z");
    private static final String INCIDENT = "oci-fra-1.20261128.0042";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 64 * 1024, Duration.ofSeconds(1), "dc").callbackSecrets(List.of(), List.of(SECRET)).build(),
            SINK, new PrometheusRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)).feature());

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void validSignatureAcknowledgesTheIncidentNamedByTheButton() throws Exception {
        HttpResponse<String> response = post(form(ourSample()), NOW.getEpochSecond(), SECRET);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        LifecycleCommand command = SINK.onlyEvent(Topics.ACTIONS, "oci-fra-1");
        assertThat(command.getAction()).isEqualTo(LifecycleAction.ACK);
        assertThat(command.getIncidentId()).isEqualTo(INCIDENT);
        assertThat(command.getActor()).isEqualTo("dana.keller");
        assertThat(command.getOrigin()).isEqualTo("slack");
    }

    @Test
    void resolveAndMitigateButtonsMapToTheirActions() throws Exception {
        post(form(ourSample().replace("\"action_id\": \"incident_ack\",\n      \"block_id\"", "\"action_id\": \"incident_resolve\",\n      \"block_id\"")),
                NOW.getEpochSecond(), SECRET);
        post(form(ourSample().replace("\"action_id\": \"incident_ack\",\n      \"block_id\"", "\"action_id\": \"incident_mitigate\",\n      \"block_id\"")),
                NOW.getEpochSecond(), SECRET);

        assertThat(SINK.written()).extracting(record -> ((LifecycleCommand) record.value()).getAction())
                .containsExactly(LifecycleAction.RESOLVE, LifecycleAction.MITIGATE);
    }

    @Test
    void contractSampleVerifiesButItsValueIsNoFirebreakIncidentSoItIsIgnored() throws Exception {
        HttpResponse<String> response = post(form(TestHttp.sample("slack-interactive-ack.json")), NOW.getEpochSecond(), SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("ignored").asText()).contains("INC-20261128-0042");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void wrongSecretIs401() throws Exception {
        assertUnauthorized(post(form(ourSample()), NOW.getEpochSecond(), "not-the-secret"));
    }

    @Test
    void tamperedBodyIs401() throws Exception {
        String body = form(ourSample());
        long ts = NOW.getEpochSecond();
        String signature = signature(SECRET, ts, body);
        HttpResponse<String> response = new TestHttp(APP.baseUri().toString()).post("/v1/callbacks/slack",
                body.replace("dana.keller", "mallory"), headers(ts, signature));

        assertUnauthorized(response);
    }

    @Test
    void staleOrFutureTimestampIs401EvenWithAValidSignature() throws Exception {
        assertUnauthorized(post(form(ourSample()), NOW.minusSeconds(301).getEpochSecond(), SECRET));
        assertUnauthorized(post(form(ourSample()), NOW.plusSeconds(301).getEpochSecond(), SECRET));
        assertThat(post(form(ourSample()), NOW.minusSeconds(299).getEpochSecond(), SECRET).statusCode()).isEqualTo(200);
    }

    @Test
    void jsonInsteadOfTheFormIs415() throws Exception {
        String body = ourSample();
        long ts = NOW.getEpochSecond();
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Slack-Request-Timestamp", Long.toString(ts),
                "X-Slack-Signature", signature(SECRET, ts, body));

        assertThat(new TestHttp(APP.baseUri().toString()).post("/v1/callbacks/slack", body, headers).statusCode()).isEqualTo(415);
    }

    private void assertUnauthorized(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_signature");
        assertThat(SINK.written()).isEmpty();
    }

    static String ourSample() throws Exception {
        return TestHttp.sample("slack-interactive-ack.json").replace("INC-20261128-0042", INCIDENT);
    }

    static String form(String payload) {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    static String signature(String secret, long ts, String body) {
        return "v0=" + HmacSha256.hex(secret, ("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(long ts, String signature) {
        return Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp", Long.toString(ts),
                "X-Slack-Signature", signature);
    }

    private HttpResponse<String> post(String body, long ts, String secret) throws Exception {
        return new TestHttp(APP.baseUri().toString()).post("/v1/callbacks/slack", body, headers(ts, signature(secret, ts, body)));
    }
}

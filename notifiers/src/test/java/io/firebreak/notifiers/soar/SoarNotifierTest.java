package io.firebreak.notifiers.soar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.ChannelContract;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.TestNotifications;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Contract: contracts/standard-webhooks.md, plus every channel's shared cases. */
class SoarNotifierTest extends ChannelContract {

    /** The contract's test vector secret, and a second one for rotation. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OLD_SECRET = "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24tdGVzdA==";
    static final Instant NOW = Instant.parse("2026-11-28T09:15:00Z");

    final ObjectMapper json = new ObjectMapper();

    SoarNotifier notifier(List<String> secrets, Clock clock) {
        SoarSettings settings = new SoarSettings(Optional.of(server.url("/hooks/firebreak").uri()), secrets, Duration.ofSeconds(5));
        return new SoarNotifier(settings, RetryPolicy.defaults(), Http.client(Duration.ofSeconds(5)), clock);
    }

    @Override
    protected Notifier notifier(URI base, Duration timeout) {
        SoarSettings settings = new SoarSettings(Optional.of(base.resolve("/hooks/firebreak")), List.of(SECRET, OLD_SECRET), timeout);
        return new SoarNotifier(settings, RetryPolicy.defaults());
    }

    @Override
    protected MockResponse accepted() {
        return new MockResponse.Builder().code(204).build();
    }

    @Override
    protected Notification notification() {
        return TestNotifications.forReceiver("soar", "soar", NotificationKind.TRIGGER);
    }

    @Override
    protected List<String> secrets() {
        return List.of(SECRET, OLD_SECRET, SECRET.substring(6), OLD_SECRET.substring(6));
    }

    RecordedRequest sent(SoarNotifier notifier, Notification n) throws Exception {
        server.enqueue(accepted());
        assertThat(notifier.deliver(n)).isInstanceOf(DeliveryOutcome.Delivered.class);
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void signerMatchesTheContractsTestVector() {
        String body = "{\"type\":\"incident.opened\",\"timestamp\":\"2026-11-28T09:12:05.000Z\",\"data\":{\"incident_id\":\"INC-20261128-0042\","
                + "\"service\":\"trade-engine\",\"cluster\":\"oci-fra-1\",\"severity\":\"critical\"}}";

        String signature = new WebhookSigner(List.of(SECRET)).signature("msg_2Nx7QhK3trade0042", 1795857125L, body.getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,ItUjqW+B9JJoZAuYpJw7p5SvM6yj76VS3qfSqbKmSCk=");
    }

    @Test
    void testVerifierAcceptsTheContractsTestVectorAndRejectsATamperedBody() throws Exception {
        String body = "{\"type\":\"incident.opened\",\"timestamp\":\"2026-11-28T09:12:05.000Z\",\"data\":{\"incident_id\":\"INC-20261128-0042\","
                + "\"service\":\"trade-engine\",\"cluster\":\"oci-fra-1\",\"severity\":\"critical\"}}";
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET);

        assertThat(verifier.verifies("msg_2Nx7QhK3trade0042", "1795857125", body, "v1,ItUjqW+B9JJoZAuYpJw7p5SvM6yj76VS3qfSqbKmSCk=")).isTrue();
        assertThat(verifier.verifies("msg_2Nx7QhK3trade0042", "1795857125", body + " ", "v1,ItUjqW+B9JJoZAuYpJw7p5SvM6yj76VS3qfSqbKmSCk=")).isFalse();
    }

    @Test
    void everyRequestCarriesTheThreeHeadersAndAVerifiableSignature() throws Exception {
        RecordedRequest request = sent(notifier(List.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC)), notification());

        String body = request.getBody().utf8();
        String id = request.getHeaders().get("webhook-id");
        String timestamp = request.getHeaders().get("webhook-timestamp");
        String signature = request.getHeaders().get("webhook-signature");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).startsWith("firebreak/");
        assertThat(id).startsWith("msg_").doesNotContain(".");
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(signature).matches("v1,[A-Za-z0-9+/]{43}=");
        assertThat(new StandardWebhooksVerifier(SECRET).verifies(id, timestamp, body, signature)).isTrue();
        assertThat(body).isEqualTo(json.writeValueAsString(json.readTree(body))); // minified: the signed bytes are the sent bytes
    }

    @Test
    void duringARotationBothSecretsVerify() throws Exception {
        RecordedRequest request = sent(notifier(List.of(SECRET, OLD_SECRET), Clock.systemUTC()), notification());

        String body = request.getBody().utf8();
        String id = request.getHeaders().get("webhook-id");
        String timestamp = request.getHeaders().get("webhook-timestamp");
        String signature = request.getHeaders().get("webhook-signature");
        assertThat(signature.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(new StandardWebhooksVerifier(SECRET).verifies(id, timestamp, body, signature)).isTrue();
        assertThat(new StandardWebhooksVerifier(OLD_SECRET).verifies(id, timestamp, body, signature)).isTrue();
        assertThat(new StandardWebhooksVerifier("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]))
                .verifies(id, timestamp, body, signature)).isFalse();
    }

    @Test
    void retriesKeepTheWebhookIdButSignAFreshTimestamp() throws Exception {
        Notification n = notification();
        RecordedRequest first = sent(notifier(List.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC)), n);
        RecordedRequest retry = sent(notifier(List.of(SECRET), Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC)), n);

        assertThat(retry.getHeaders().get("webhook-id")).isEqualTo(first.getHeaders().get("webhook-id"));
        assertThat(retry.getHeaders().get("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond() + 5));
        assertThat(retry.getHeaders().get("webhook-signature")).isNotEqualTo(first.getHeaders().get("webhook-signature"));
        assertThat(retry.getBody()).isEqualTo(first.getBody());
    }

    @Test
    void theEventIsTheDocumentedEnvelope() throws Exception {
        JsonNode event = json.readTree(sent(notifier(List.of(SECRET), Clock.systemUTC()), notification()).getBody().utf8());

        assertThat(event.get("type").asText()).isEqualTo("incident.opened");
        assertThat(event.get("timestamp").asText()).isEqualTo("2026-11-28T09:12:03.512Z");
        JsonNode data = event.get("data");
        assertThat(data.get("incident_id").asText()).isEqualTo(TestNotifications.INCIDENT);
        assertThat(data.get("notification_id").asText()).isEqualTo(notification().getId());
        assertThat(data.get("sequence").asLong()).isEqualTo(3);
        assertThat(data.get("severity").asText()).isEqualTo("critical");
        assertThat(data.get("stage").asText()).isEqualTo("PAGED");
        assertThat(data.get("cluster").asText()).isEqualTo("oci-fra-1");
        assertThat(data.get("service").asText()).isEqualTo("trade-engine");
        assertThat(data.get("services")).extracting(JsonNode::asText).containsExactly("trade-engine", "risk-service");
        assertThat(data.get("root_cause").asText()).startsWith("risk-service");
        assertThat(data.get("burn").asText()).startsWith("trade-engine-order-latency");
        assertThat(data.get("incident_url").asText()).endsWith(TestNotifications.INCIDENT);
        assertThat(data.get("title").asText()).startsWith("trade-engine p99");
    }

    @Test
    void eachLifecycleChangeHasItsEventType() {
        assertThat(List.of(NotificationKind.values())).extracting(SoarEvents::type)
                .containsExactly("incident.opened", "incident.updated", "incident.acknowledged", "incident.resolved");
    }

    @Test
    void webhookIdsNeverContainADotAndStayDistinct() {
        Notification dotted = TestNotifications.critical().setId("ntf.a.b").build();
        Notification underscored = TestNotifications.critical().setId("ntf_a_b").build();

        assertThat(SoarEvents.webhookId(dotted)).startsWith("msg_ntf_a_b_").doesNotContain(".");
        assertThat(SoarEvents.webhookId(underscored)).isEqualTo("msg_ntf_a_b");
        assertThat(SoarEvents.webhookId(dotted)).isEqualTo(SoarEvents.webhookId(dotted));
    }

    @Test
    void goneEndpointIsPermanentAndSaysSo() {
        DeliveryOutcome outcome = deliverAnswering(new MockResponse.Builder().code(410).build());
        assertThat(((DeliveryOutcome.Permanent) outcome).reason()).contains("410", "endpoint gone");
    }

    @Test
    void withoutUrlOrSecretSoarIsTheLogReceiver() {
        assertThat(SoarNotifier.fromSettings(SoarSettings.of(Optional.empty(), List.of(SECRET)), RetryPolicy.defaults())).isInstanceOf(LogNotifier.class);
        assertThat(SoarNotifier.fromSettings(SoarSettings.of(Optional.of(server.url("/").uri()), List.of(" ")), RetryPolicy.defaults()))
                .isInstanceOf(LogNotifier.class);
    }

    @Test
    void aMalformedSecretFailsAtStartWithoutPrintingIt() {
        String bad = "whsec_not*base64*at*all*0123456789";
        assertThatThrownBy(() -> new WebhookSigner(List.of(bad))).hasMessageContaining("not whsec_<base64>").hasMessageNotContaining(bad);
        assertThat(SoarSettings.of(Optional.empty(), List.of(SECRET)).toString()).doesNotContain(SECRET.substring(6));
    }
}

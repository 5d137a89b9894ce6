package io.firebreak.notifiers.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.ChannelContract;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.TestNotifications;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Contract: contracts/teams.md and samples/teams-adaptive-card.json, plus every channel's shared cases. */
class TeamsNotifierTest extends ChannelContract {

    static final String SIG = "Zk9yVGVzdE9ubHlTaWduYXR1cmVWYWx1ZTEyMzQ1Ng";
    static final String WORKFLOW_PATH = "/workflows/4f1e9c/triggers/manual/paths/invoke";
    static final URI DASHBOARD = URI.create("https://firebreak.example.internal/");

    final ObjectMapper json = new ObjectMapper();

    URI webhook(URI base) {
        return URI.create(base.resolve(WORKFLOW_PATH) + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + SIG);
    }

    @Override
    protected Notifier notifier(URI base, Duration timeout) {
        return new TeamsNotifier(new TeamsSettings(Optional.of(webhook(base)), timeout, Optional.of(DASHBOARD)), RetryPolicy.defaults());
    }

    @Override
    protected MockResponse accepted() {
        return new MockResponse.Builder().code(202).build();
    }

    @Override
    protected Notification notification() {
        return TestNotifications.forReceiver("teams", "teams", NotificationKind.TRIGGER);
    }

    @Override
    protected List<String> secrets() {
        return List.of(SIG, webhook(server.url("/").uri()).toString());
    }

    JsonNode sent(Notification n) throws Exception {
        server.enqueue(accepted());
        DeliveryOutcome outcome = notifier(server, Duration.ofSeconds(5)).deliver(n);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getUrl().queryParameter("sig")).isEqualTo(SIG);
        return json.readTree(request.getBody().utf8());
    }

    @Test
    void postsAMessageEnvelopeWithOneAdaptiveCardShapedLikeTheSample() throws Exception {
        JsonNode message = sent(notification());
        JsonNode sample = json.readTree(getClass().getResource("/contracts/teams-adaptive-card.json"));

        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(fieldNames(attachment)).isEqualTo(fieldNames(sample.get("attachments").get(0)));
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.get("content");
        assertThat(fieldNames(card)).containsExactlyInAnyOrderElementsOf(fieldNames(sample.at("/attachments/0/content")));
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.get("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.at("/body/0/type").asText()).isEqualTo("Container");
        assertThat(card.at("/body/0/style").asText()).isEqualTo("attention");
        assertThat(card.at("/body/0/items/0/inlines/0/text").asText())
                .isEqualTo("🔴 oci-fra-1.20261128.0042 · trade-engine p99 order latency 412ms > 250ms (oci-fra-1)");
        assertThat(card.at("/body/0/items/1/text").asText()).isEqualTo("Status: **TRIGGERED** · 2026-11-28 09:12 UTC");
        JsonNode facts = card.at("/body/2/facts");
        assertThat(facts).extracting(f -> f.get("title").asText() + "=" + f.get("value").asText()).containsExactly(
                "Severity=CRITICAL", "Stage=PAGED", "Services=trade-engine, risk-service", "Cluster=oci-fra-1",
                "Root cause=risk-service (score 0.82): upstream latency, deploy v2.14.1",
                "SLO burn=trade-engine-order-latency: 15.2x over 1h, 61% budget left", "Incident=oci-fra-1.20261128.0042");
        assertThat(card.get("actions")).allSatisfy(a -> assertThat(a.get("type").asText()).isEqualTo("Action.OpenUrl"));
        assertThat(card.get("actions")).extracting(a -> a.get("title").asText() + " " + a.get("url").asText()).containsExactly(
                "Open incident https://incidents.example.internal/incidents/oci-fra-1.20261128.0042",
                "Dashboard https://firebreak.example.internal/",
                "Runbook https://runbooks.example.internal/trade-engine/high-latency");
        assertThat(json.writeValueAsBytes(message).length).isLessThan(20 * 1024);
    }

    @Test
    void updatesAreNewCardsMarkedUpdate() throws Exception {
        JsonNode ack = sent(TestNotifications.forReceiver("teams", "teams", NotificationKind.ACKNOWLEDGE));
        JsonNode resolve = sent(TestNotifications.forReceiver("teams", "teams", NotificationKind.RESOLVE));

        assertThat(ack.at("/attachments/0/content/body/0/items/0/inlines/0/text").asText())
                .startsWith("UPDATE · ACKNOWLEDGED · 🔴 oci-fra-1.20261128.0042 · ");
        assertThat(resolve.at("/attachments/0/content/body/0/items/0/inlines/0/text").asText()).startsWith("UPDATE · RESOLVED · ✅ oci-fra-1.20261128.0042");
        assertThat(resolve.at("/attachments/0/content/body/0/style").asText()).isEqualTo("good");
    }

    @Test
    void oversizedTextIsTruncatedToStayUnderTheCardBudget() throws Exception {
        Notification huge = TestNotifications.critical().setChannel("teams").setReceiver("teams")
                .setSummary("x".repeat(50_000)).setRootCause("y".repeat(50_000)).build();

        JsonNode message = sent(huge);

        assertThat(json.writeValueAsBytes(message).length).isLessThan(20 * 1024);
    }

    @Test
    void reasonsNameTheWorkflowHostButNeverTheSignature() {
        DeliveryOutcome outcome = deliverAnswering(new MockResponse.Builder().code(404)
                .body("{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"sig=" + SIG + "\"}}").build());

        String reason = ((DeliveryOutcome.Permanent) outcome).reason();
        assertThat(reason).contains("WorkflowNotFound", WORKFLOW_PATH, "404").doesNotContain(SIG);
    }

    @Test
    void withoutAWebhookUrlTeamsIsTheLogReceiver() {
        assertThat(TeamsNotifier.fromSettings(TeamsSettings.of("  ", Optional.empty()), RetryPolicy.defaults())).isInstanceOf(LogNotifier.class);
        assertThat(TeamsSettings.of(webhook(server.url("/").uri()).toString(), Optional.empty()).toString()).doesNotContain(SIG);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

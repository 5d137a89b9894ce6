package io.firebreak.notifiers.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.TestNotifications;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutyNotifierTest {

    static final String ROUTING_KEY = "R0UT1NGKEYEXAMPLE00000000000wxyz";
    static final Instant NOW = Instant.parse("2026-11-28T09:15:00Z");

    final ObjectMapper json = new ObjectMapper();
    final MockWebServer pagerDuty = new MockWebServer();
    PagerDutyNotifier notifier;

    @BeforeEach
    void start() throws IOException {
        pagerDuty.start();
        notifier = notifierWithTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    PagerDutyNotifier notifierWithTimeout(Duration timeout) {
        PagerDutySettings settings = new PagerDutySettings(pagerDuty.url("/v2/enqueue").uri(), Optional.of(ROUTING_KEY), timeout);
        return new PagerDutyNotifier(settings, RetryPolicy.defaults(), Http.client(settings.timeout()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void accept() {
        pagerDuty.enqueue(new MockResponse.Builder().code(202).setHeader("Content-Type", "application/json")
                .body("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + TestNotifications.INCIDENT + "\"}")
                .build());
    }

    JsonNode sent(Notification n) throws InterruptedException, IOException {
        accept();
        notifier.deliver(n);
        RecordedRequest request = pagerDuty.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    PagerDutyNotifier notifierWithKeys(Optional<String> defaultKey, Map<String, String> keys) {
        PagerDutySettings settings = new PagerDutySettings(pagerDuty.url("/v2/enqueue").uri(), defaultKey, Duration.ofSeconds(10), keys);
        return new PagerDutyNotifier(settings, RetryPolicy.defaults(), Http.client(settings.timeout()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void routingKeyFollowsTheIncidentsFirstServiceThenItsTeamThenTheDefault() throws Exception {
        notifier = notifierWithKeys(Optional.of(ROUTING_KEY), Map.of("trade-engine", "SERVICEKEY000000000000000000001", "team:payments", "TEAMKEY00000000000000000000000002"));
        assertThat(sent(TestNotifications.critical(NotificationKind.TRIGGER)).path("routing_key").asText()).isEqualTo("SERVICEKEY000000000000000000001");
        assertThat(sent(TestNotifications.critical(NotificationKind.RESOLVE)).path("routing_key").asText())
                .as("acknowledge and resolve must reach the PagerDuty service the trigger went to").isEqualTo("SERVICEKEY000000000000000000001");

        Notification payments = TestNotifications.critical().setServices(java.util.List.of("ledger"))
                .setDetails(Map.of("team", "payments")).build();
        assertThat(sent(payments).path("routing_key").asText()).isEqualTo("TEAMKEY00000000000000000000000002");

        Notification other = TestNotifications.critical().setServices(java.util.List.of("reporting")).build();
        assertThat(sent(other).path("routing_key").asText()).isEqualTo(ROUTING_KEY);
    }

    @Test
    void anIncidentNoKeyCoversGoesToTheDeadLettersWithTheReasonAndNoKeyInIt() {
        notifier = notifierWithKeys(Optional.empty(), Map.of("trade-engine", "SERVICEKEY000000000000000000001"));
        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical().setServices(java.util.List.of("reporting")).build());
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Permanent.class);
        assertThat(((DeliveryOutcome.Permanent) outcome).reason()).contains("no PagerDuty routing key").contains("reporting")
                .doesNotContain("SERVICEKEY");
        assertThat(pagerDuty.getRequestCount()).isZero();
    }

    @Test
    void perServiceKeysAloneMakeThePagerDutyNotifierRealNotTheLogReceiver() {
        PagerDutySettings settings = new PagerDutySettings(pagerDuty.url("/v2/enqueue").uri(), Optional.empty(), Duration.ofSeconds(10),
                Map.of("trade-engine", "SERVICEKEY000000000000000000001"));
        assertThat(PagerDutyNotifier.fromSettings(settings, RetryPolicy.defaults())).isInstanceOf(PagerDutyNotifier.class);
        assertThat(settings.toString()).doesNotContain("SERVICEKEY");
    }

    @Test
    void triggerCarriesEveryFieldOfTheContract() throws Exception {
        JsonNode body = sent(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(body.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo(TestNotifications.INCIDENT);
        JsonNode payload = body.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("[CRITICAL] trade-engine p99 order latency 412ms > 250ms (oci-fra-1)");
        assertThat(payload.get("source").asText()).isEqualTo("trade-engine.trading.oci-fra-1");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-11-28T09:12:03.512Z");
        assertThat(payload.get("component").asText()).isEqualTo("trade-engine");
        assertThat(payload.get("group").asText()).isEqualTo("oci-fra-1");
        assertThat(payload.get("class").asText()).isEqualTo("latency");
        JsonNode details = payload.get("custom_details");
        assertThat(details.get("incident_id").asText()).isEqualTo(TestNotifications.INCIDENT);
        assertThat(details.get("priority").asText()).as("our priority wins over a detail called priority").isEqualTo("P1");
        assertThat(details.get("stage").asText()).isEqualTo("PAGED");
        assertThat(details.get("services")).extracting(JsonNode::asText).containsExactly("trade-engine", "risk-service");
        assertThat(details.get("root_cause").asText()).startsWith("risk-service");
        assertThat(details.get("burn_summary").asText()).contains("15.2x");
        assertThat(details.get("namespace").asText()).isEqualTo("trading");
        assertThat(details.get("alertname").asText()).isEqualTo("TradeEngineHighLatency");
        assertThat(body.get("links")).hasSize(2);
        assertThat(body.at("/links/0/href").asText()).isEqualTo("https://incidents.example.internal/incidents/" + TestNotifications.INCIDENT);
        assertThat(body.at("/links/0/text").asText()).isEqualTo("Incident " + TestNotifications.INCIDENT);
        assertThat(body.at("/links/1/href").asText()).isEqualTo("https://runbooks.example.internal/trade-engine/high-latency");
        assertThat(body.get("client").asText()).isEqualTo("firebreak");
        assertThat(body.get("client_url").asText()).isEqualTo("https://incidents.example.internal/incidents/" + TestNotifications.INCIDENT);
    }

    @Test
    void postsJsonWithoutAnAuthorizationHeader() throws Exception {
        accept();
        notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));
        RecordedRequest request = pagerDuty.takeRequest(5, TimeUnit.SECONDS);

        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/enqueue");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"ACKNOWLEDGE, acknowledge", "RESOLVE, resolve"})
    void acknowledgeAndResolveCarryOnlyRoutingKeyDedupKeyAndAction(NotificationKind kind, String action) throws Exception {
        JsonNode body = sent(TestNotifications.critical(kind));

        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("routing_key", "dedup_key", "event_action");
        assertThat(body.get("event_action").asText()).isEqualTo(action);
        assertThat(body.get("dedup_key").asText()).isEqualTo(TestNotifications.INCIDENT);
        assertThat(body.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
    }

    @Test
    void updateReTriggersTheSameAlertWithTheNewSummary() throws Exception {
        Notification update = TestNotifications.critical().setKind(NotificationKind.UPDATE)
                .setTitle("trade-engine p99 order latency 980ms > 250ms (oci-fra-1)").build();

        JsonNode body = sent(update);

        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo(TestNotifications.INCIDENT);
        assertThat(body.at("/payload/summary").asText()).contains("980ms");
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL, critical, P1", "HIGH, error, P2", "MEDIUM, warning, P3", "LOW, info, P4"})
    void mapsSeverityToPagerDutySeverityAndPriority(Severity severity, String expected, String priority) throws Exception {
        JsonNode body = sent(TestNotifications.critical().setSeverity(severity).build());

        assertThat(body.at("/payload/severity").asText()).isEqualTo(expected);
        assertThat(body.at("/payload/custom_details/priority").asText()).isEqualTo(priority);
    }

    @Test
    void truncatesOversizedSummaryTo1024CharactersEndingInEllipsis() throws Exception {
        JsonNode body = sent(TestNotifications.critical().setTitle("x".repeat(5000)).build());

        String summary = body.at("/payload/summary").asText();
        assertThat(summary).hasSize(1024).startsWith("[CRITICAL] xxx").endsWith("…");
    }

    @Test
    void keepsASummaryOfExactly1024CharactersWhole() {
        String exact = "[CRITICAL] " + "y".repeat(1024 - 11);
        assertThat(PagerDutyEvents.truncate(exact, 1024)).isEqualTo(exact);
    }

    @Test
    void dropsFreeFormDetailsRatherThanExceedPagerDutys512KbLimit() throws Exception {
        Map<String, String> huge = new HashMap<>();
        for (int i = 0; i < 800; i++) {
            huge.put("label_" + i, "v".repeat(900));
        }

        JsonNode body = sent(TestNotifications.critical().setDetails(huge).build());

        assertThat(json.writeValueAsBytes(body).length).isLessThan(512 * 1024);
        assertThat(body.at("/payload/custom_details/incident_id").asText()).isEqualTo(TestNotifications.INCIDENT);
        assertThat(body.at("/payload/custom_details").has("label_1")).isFalse();
        assertThat(body.at("/payload/custom_details/details_omitted").asText()).startsWith("800 details left out");
    }

    @Test
    void fallsBackToServiceAndClusterWhenSourceIsMissing() throws Exception {
        JsonNode body = sent(TestNotifications.critical().setSource(null).setAlertClass(null).build());

        assertThat(body.at("/payload/source").asText()).isEqualTo("trade-engine.oci-fra-1");
        assertThat(body.at("/payload").has("class")).isFalse();
    }

    @Test
    void shortensOverlongIncidentIdsToTheSameDedupKeyEveryTime() {
        Notification trigger = TestNotifications.forIncident("i".repeat(300), NotificationKind.TRIGGER);
        Notification resolve = TestNotifications.forIncident("i".repeat(300), NotificationKind.RESOLVE);

        assertThat(PagerDutyEvents.dedupKey(trigger)).hasSize(255).isEqualTo(PagerDutyEvents.dedupKey(resolve));
    }

    @Test
    void accepted202IsDeliveredWithTheDedupKey() {
        accept();

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(TestNotifications.INCIDENT, OptionalInt.of(202), false));
    }

    @Test
    void rateLimited429IsRetryableAfterTheSecondsPagerDutyAskedFor() {
        pagerDuty.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "42").body("rate limited").build());

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, retryable -> {
            assertThat(retryable.httpStatus()).hasValue(429);
            assertThat(retryable.retryAfter()).contains(Duration.ofSeconds(42));
        });
    }

    @Test
    void rateLimited429HonoursARetryAfterHttpDate() {
        pagerDuty.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "Sat, 28 Nov 2026 09:17:00 GMT").build());

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(((DeliveryOutcome.Retryable) outcome).retryAfter()).contains(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetryable(int status) {
        pagerDuty.enqueue(new MockResponse.Builder().code(status).body("oops").build());

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, retryable -> {
            assertThat(retryable.httpStatus()).hasValue(status);
            assertThat(retryable.retryAfter()).isEmpty();
        });
    }

    @Test
    void badRequest400IsPermanentWithPagerDutysErrorText() {
        pagerDuty.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .body("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'payload.severity' is invalid\"]}")
                .build());

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class, permanent -> {
            assertThat(permanent.httpStatus()).hasValue(400);
            assertThat(permanent.reason()).contains("400", "Event object is invalid", "'payload.severity' is invalid",
                    TestNotifications.INCIDENT);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void misroutedRequestsArePermanent(int status) {
        pagerDuty.enqueue(new MockResponse.Builder().code(status).body("<html>proxy says no</html>").build());

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Permanent.class);
        assertThat(outcome.httpStatus()).hasValue(status);
    }

    @Test
    void timeoutIsRetryable() {
        notifier = notifierWithTimeout(Duration.ofMillis(300));
        pagerDuty.enqueue(new MockResponse.Builder().code(202).headersDelay(3, TimeUnit.SECONDS).build());

        DeliveryOutcome outcome = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class, retryable -> {
            assertThat(retryable.httpStatus()).isEmpty();
            assertThat(retryable.reason()).contains("did not answer");
        });
    }

    @Test
    void connectionRefusedIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PagerDutySettings settings = new PagerDutySettings(URI.create("http://127.0.0.1:" + closedPort + "/v2/enqueue"),
                Optional.of(ROUTING_KEY), Duration.ofSeconds(2));

        DeliveryOutcome outcome = new PagerDutyNotifier(settings, RetryPolicy.defaults()).deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class);
    }

    @Test
    void routingKeyNeverAppearsInOutcomesOrToString() {
        // a receiver (or a proxy) echoing the request must not leak the key into the DLQ or the logs
        pagerDuty.enqueue(new MockResponse.Builder().code(400).body("{\"message\":\"bad routing_key " + ROUTING_KEY + "\"}").build());
        pagerDuty.enqueue(new MockResponse.Builder().code(503).body("upstream " + ROUTING_KEY + " unavailable").build());

        DeliveryOutcome permanent = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));
        DeliveryOutcome retryable = notifier.deliver(TestNotifications.critical(NotificationKind.TRIGGER));

        assertThat(permanent.toString()).doesNotContain(ROUTING_KEY).contains("wxyz");
        assertThat(retryable.toString()).doesNotContain(ROUTING_KEY);
        assertThat(notifier.toString()).doesNotContain(ROUTING_KEY).contains("wxyz");
        PagerDutySettings settings = new PagerDutySettings(URI.create("https://events.pagerduty.com/v2/enqueue"), Optional.of(ROUTING_KEY), Duration.ofSeconds(10));
        assertThat(settings.toString()).doesNotContain(ROUTING_KEY).endsWith("wxyz, timeout=PT10S]");
    }

    @ParameterizedTest
    @EnumSource(value = NotificationKind.class)
    void withoutARoutingKeyTheChannelFallsBackToTheLogReceiver(NotificationKind kind) {
        var fallback = PagerDutyNotifier.fromSettings(PagerDutySettings.of(Optional.of("  ")), RetryPolicy.defaults());

        assertThat(fallback).isInstanceOf(LogNotifier.class);
        assertThat(fallback.deliver(TestNotifications.critical(kind))).isEqualTo(DeliveryOutcome.logged());
        assertThat(pagerDuty.getRequestCount()).isZero();
    }
}

package io.firebreak.notifiers.slack;

import static io.firebreak.notifiers.RecordingSlack.error;
import static io.firebreak.notifiers.RecordingSlack.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.DeliveryOutcome;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.RecordingSlack;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.TestNotifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackNotifierTest {

    static final String TOKEN = "xoxb-1111-2222-SECRETSLACKTOKENabcd";

    final RecordingSlack slack = new RecordingSlack();
    final InMemorySlackMessages cards = new InMemorySlackMessages();
    final SlackNotifier notifier = notifier(cards);

    SlackNotifier notifier(SlackMessages memory) {
        SlackSettings channel = new SlackSettings(slack.apiUrl(), Optional.of(TOKEN), "#sre-alerts", List.of(), Duration.ofSeconds(5));
        SlackSettings warRoom = new SlackSettings(slack.apiUrl(), Optional.of(TOKEN), "", List.of("U012AB3CD", "U045EF6GH"), Duration.ofSeconds(5));
        return new SlackNotifier(channel, warRoom, RetryPolicy.defaults(), memory, Http.client(Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    static Notification warRoom(NotificationKind kind) {
        return TestNotifications.forReceiver("slack", SlackNotifier.WAR_ROOM, kind);
    }

    static Notification channel(NotificationKind kind) {
        return TestNotifications.forReceiver("slack", SlackNotifier.CHANNEL, kind);
    }

    @Test
    void postsTheCardToTheConfiguredChannelWithTheBotToken() {
        DeliveryOutcome outcome = notifier.deliver(channel(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(((DeliveryOutcome.Delivered) outcome).ref()).isEqualTo("C0ALERTS01:1795857125.004901");
        RecordingSlack.Call post = slack.calls().get(0);
        assertThat(slack.calls()).hasSize(1);
        assertThat(post.method()).isEqualTo("chat.postMessage");
        assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(post.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode body = post.body();
        assertThat(body.get("channel").asText()).isEqualTo("#sre-alerts");
        assertThat(body.get("text").asText()).isEqualTo("[CRITICAL] trade-engine p99 order latency 412ms &gt; 250ms (oci-fra-1) — Triggered");
        assertThat(body.get("unfurl_links").asBoolean()).isFalse();
        assertThat(body.get("unfurl_media").asBoolean()).isFalse();
        assertThat(body.at("/metadata/event_type").asText()).isEqualTo("firebreak_incident");
        assertThat(body.at("/metadata/event_payload/incident_id").asText()).isEqualTo(TestNotifications.INCIDENT);
    }

    @Test
    void theCardShowsTheIncidentFactsAndTheLifecycleButtons() {
        notifier.deliver(channel(NotificationKind.TRIGGER));

        JsonNode blocks = slack.calls().get(0).body().get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).at("/text/text").asText()).startsWith(":red_circle: trade-engine p99");
        String all = blocks.toString();
        assertThat(all).contains("*Severity*\\nCRITICAL", "*Stage*\\nPAGED", "*Cluster*\\noci-fra-1",
                "*Services*\\ntrade-engine, risk-service", "*Root cause (top candidate)*\\nrisk-service (score 0.82)",
                "*SLO burn*\\ntrade-engine-order-latency: 15.2x over 1h",
                "<https://incidents.example.internal/incidents/oci-fra-1.20261128.0042|oci-fra-1.20261128.0042>");
        JsonNode actions = StreamSupport.stream(blocks.spliterator(), false)
                .filter(b -> b.get("type").asText().equals("actions")).findFirst().orElseThrow();
        assertThat(actions.get("block_id").asText()).isEqualTo("firebreak_actions");
        assertThat(actions.get("elements")).extracting(e -> e.get("action_id").asText())
                .containsExactly("firebreak_ack", "firebreak_mitigate", "firebreak_resolve", "firebreak_open");
        assertThat(actions.get("elements")).extracting(e -> e.get("value").asText()).containsOnly(TestNotifications.INCIDENT);
        assertThat(actions.get("elements")).extracting(e -> e.at("/text/text").asText())
                .containsExactly("Acknowledge", "Mitigated", "Resolved", "Open incident");
        assertThat(actions.at("/elements/0/style").asText()).isEqualTo("primary");
        assertThat(actions.at("/elements/2/style").asText()).isEqualTo("danger");
    }

    @Test
    void laterNotificationsUpdateTheSameMessageInsteadOfPostingAgain() {
        notifier.deliver(channel(NotificationKind.TRIGGER));
        DeliveryOutcome ack = notifier.deliver(channel(NotificationKind.ACKNOWLEDGE));
        DeliveryOutcome resolve = notifier.deliver(channel(NotificationKind.RESOLVE));

        assertThat(slack.calls()).extracting(RecordingSlack.Call::method).containsExactly("chat.postMessage", "chat.update", "chat.update");
        assertThat(slack.calls("chat.update")).allSatisfy(update -> {
            assertThat(update.body().get("channel").asText()).isEqualTo("C0ALERTS01");
            assertThat(update.body().get("ts").asText()).isEqualTo("1795857125.004901");
        });
        assertThat(((DeliveryOutcome.Delivered) ack).ref()).isEqualTo("C0ALERTS01:1795857125.004901");
        assertThat(((DeliveryOutcome.Delivered) resolve).ref()).isEqualTo("C0ALERTS01:1795857125.004901");
        JsonNode acked = slack.calls("chat.update").get(0).body();
        assertThat(acked.get("blocks").toString()).contains("*Status*\\nAcknowledged").doesNotContain("firebreak_ack");
        JsonNode resolved = slack.calls("chat.update").get(1).body();
        assertThat(resolved.get("blocks").toString()).contains(":white_check_mark:", "*Status*\\nResolved")
                .doesNotContain("firebreak_mitigate", "firebreak_resolve").contains("firebreak_open");
    }

    @Test
    void aRedeliveredTriggerUpdatesTheCardItAlreadyPosted() {
        notifier.deliver(channel(NotificationKind.TRIGGER));
        notifier.deliver(channel(NotificationKind.TRIGGER));

        assertThat(slack.calls()).extracting(RecordingSlack.Call::method).containsExactly("chat.postMessage", "chat.update");
    }

    @Test
    void aCardRememberedBeforeARestartIsUpdated() {
        cards.put(TestNotifications.INCIDENT, SlackNotifier.CHANNEL, new SlackMessageRef("C0ALERTS01", "1795857000.000100"));
        slack.script("chat.update", ok("{\"ok\":true,\"channel\":\"C0ALERTS01\",\"ts\":\"1795857000.000100\"}"));

        notifier(cards).deliver(channel(NotificationKind.UPDATE));

        assertThat(slack.calls()).extracting(RecordingSlack.Call::method).containsExactly("chat.update");
        assertThat(slack.calls().get(0).body().get("ts").asText()).isEqualTo("1795857000.000100");
    }

    @Test
    void warRoomCreatesTheIncidentChannelInvitesThenPosts() {
        DeliveryOutcome outcome = notifier.deliver(warRoom(NotificationKind.TRIGGER));

        assertThat(slack.calls()).extracting(RecordingSlack.Call::method)
                .containsExactly("conversations.create", "conversations.invite", "chat.postMessage");
        JsonNode create = slack.calls("conversations.create").get(0).body();
        String name = create.get("name").asText();
        assertThat(name).startsWith("inc-20261128-trade-engine-0042-").matches("[a-z0-9_-]{1,80}");
        assertThat(create.get("is_private").asBoolean()).isFalse();
        JsonNode invite = slack.calls("conversations.invite").get(0).body();
        assertThat(invite.get("channel").asText()).isEqualTo("C0INC1");
        assertThat(invite.get("users").asText()).isEqualTo("U012AB3CD,U045EF6GH");
        assertThat(slack.calls("chat.postMessage").get(0).body().get("channel").asText()).isEqualTo("C0INC1");
        assertThat(((DeliveryOutcome.Delivered) outcome).ref()).startsWith("C0INC1:");
    }

    @Test
    void warRoomReusesItsChannelWhenAnEarlierAttemptCreatedIt() {
        String name = WarRoomNames.channelName(warRoom(NotificationKind.TRIGGER));
        String existing = slack.existingChannel(name, false);

        notifier.deliver(warRoom(NotificationKind.TRIGGER));

        assertThat(slack.calls()).extracting(RecordingSlack.Call::method)
                .containsExactly("conversations.create", "conversations.list", "conversations.invite", "chat.postMessage");
        assertThat(slack.calls("conversations.list").get(0).form())
                .containsEntry("types", "public_channel,private_channel").containsEntry("exclude_archived", "true");
        assertThat(slack.calls("chat.postMessage").get(0).body().get("channel").asText()).isEqualTo(existing);
    }

    @Test
    void warRoomTakesASuffixWhenItsNameBelongsToAnArchivedChannel() {
        String name = WarRoomNames.channelName(warRoom(NotificationKind.TRIGGER));
        slack.existingChannel(name, true);

        notifier.deliver(warRoom(NotificationKind.TRIGGER));

        assertThat(slack.calls("conversations.create")).extracting(c -> c.body().get("name").asText())
                .containsExactly(name, name + "-2");
    }

    @Test
    void aFailedInviteDoesNotKeepTheCardFromBeingPosted() {
        slack.script("conversations.invite", error("user_not_found"));

        DeliveryOutcome outcome = notifier.deliver(warRoom(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void aRetriedWarRoomPostDoesNotCreateTheChannelTwice() {
        slack.script("chat.postMessage", new MockResponse.Builder().code(503).build());

        assertThat(notifier.deliver(warRoom(NotificationKind.TRIGGER))).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertThat(notifier.deliver(warRoom(NotificationKind.TRIGGER))).isInstanceOf(DeliveryOutcome.Delivered.class);

        assertThat(slack.calls("conversations.create")).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "not_in_channel", "invalid_auth", "account_inactive", "token_revoked",
            "missing_scope", "invalid_blocks", "msg_too_long", "is_archived", "no_text", "some_future_error"})
    void okFalseErrorsThatARetryCannotFixArePermanent(String error) {
        slack.script("chat.postMessage", error(error));

        DeliveryOutcome outcome = notifier.deliver(channel(NotificationKind.TRIGGER));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Permanent.class);
        assertThat(((DeliveryOutcome.Permanent) outcome).reason()).isEqualTo("Slack chat.postMessage failed: " + error);
        assertThat(outcome.httpStatus()).hasValue(200);
    }

    @Test
    void missingScopeNamesTheScopeItNeeds() {
        slack.script("chat.postMessage", ok("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\",\"provided\":\"users:read\"}"));

        DeliveryOutcome outcome = notifier.deliver(channel(NotificationKind.TRIGGER));

        assertThat(((DeliveryOutcome.Permanent) outcome).reason()).contains("missing_scope", "needed=chat:write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})
    void okFalseTransientErrorsAreRetryable(String error) {
        slack.script("chat.postMessage", error(error));

        assertThat(notifier.deliver(channel(NotificationKind.TRIGGER))).isInstanceOf(DeliveryOutcome.Retryable.class);
    }

    @Test
    void rateLimitedCallWaitsForSlacksRetryAfter() {
        slack.script("chat.postMessage", new MockResponse.Builder().code(429).setHeader("Retry-After", "30").build());

        DeliveryOutcome outcome = notifier.deliver(channel(NotificationKind.TRIGGER));

        assertThat(((DeliveryOutcome.Retryable) outcome).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDeletedCardIsPermanentSoTheDlqShowsIt() {
        cards.put(TestNotifications.INCIDENT, SlackNotifier.CHANNEL, new SlackMessageRef("C0ALERTS01", "1.2"));

        DeliveryOutcome outcome = notifier.deliver(channel(NotificationKind.RESOLVE));

        assertThat(((DeliveryOutcome.Permanent) outcome).reason()).isEqualTo("Slack chat.update failed: message_not_found");
    }

    @Test
    void anUnreadableCardMemoryIsRetriedRatherThanRiskingASecondCard() {
        SlackMessages broken = new SlackMessages() {
            @Override
            public Optional<SlackMessageRef> find(String incidentId, String receiver) {
                throw new IllegalStateException("broker down");
            }

            @Override
            public void remember(Notification posted, SlackMessageRef ref) {
            }
        };

        assertThat(notifier(broken).deliver(channel(NotificationKind.TRIGGER))).isInstanceOf(DeliveryOutcome.Retryable.class);
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void withoutATokenSlackIsTheLogReceiver() {
        SlackSettings none = SlackSettings.channel(Optional.of("  "), "#sre-alerts");
        assertThat(SlackNotifier.fromSettings(none, SlackSettings.warRoom(Optional.empty(), List.of()), RetryPolicy.defaults(),
                new InMemorySlackMessages())).isInstanceOf(LogNotifier.class);
    }

    @Test
    void settingsNeverPrintTheToken() {
        assertThat(SlackSettings.channel(Optional.of(TOKEN), "#x").toString()).doesNotContain(TOKEN).contains("abcd");
        assertThat(notifier.toString()).doesNotContain(TOKEN);
    }

    @Test
    void warRoomNamesAreValidSlackChannelNames() {
        Notification odd = TestNotifications.critical().setIncidentId("OCI FRA/1.2026.ÄBC-" + "x".repeat(40))
                .setServices(List.of("Trade Engine.v2 " + "very-long-service-name-".repeat(5))).setAt(Instant.parse("2026-01-02T03:04:05Z")).build();

        String name = WarRoomNames.channelName(odd);

        assertThat(name).matches("inc-20260102-[a-z0-9_-]+").hasSizeLessThanOrEqualTo(80).doesNotContain("--");
        assertThat(WarRoomNames.channelName(odd)).isEqualTo(name);
        assertThat(WarRoomNames.withSuffix("x".repeat(80), 2)).hasSize(80).endsWith("-2");
    }

    @Test
    void twoClustersSameSequenceGetDifferentRooms() {
        Notification a = TestNotifications.critical().setIncidentId("oci-fra-1.20261128.0042").build();
        Notification b = TestNotifications.critical().setIncidentId("oci-ams-1.20261128.0042").build();

        assertThat(WarRoomNames.channelName(a)).isNotEqualTo(WarRoomNames.channelName(b));
    }
}

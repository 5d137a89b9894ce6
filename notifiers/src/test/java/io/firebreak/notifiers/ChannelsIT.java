package io.firebreak.notifiers;

import static io.firebreak.notifiers.RecordingPagerDuty.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.core.channel.Channel;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.pagerduty.PagerDutyNotifier;
import io.firebreak.notifiers.pagerduty.PagerDutySettings;
import io.firebreak.notifiers.slack.SlackNotifier;
import io.firebreak.notifiers.slack.SlackSettings;
import io.firebreak.notifiers.soar.SoarNotifier;
import io.firebreak.notifiers.soar.SoarSettings;
import io.firebreak.notifiers.teams.TeamsNotifier;
import io.firebreak.notifiers.teams.TeamsSettings;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * All four channels on a real broker and registry, each a {@link NotifierService} of its own against a recording
 * receiver: outages stay in their channel, a crash between send and commit duplicates only where the receiver
 * dedupes, non-retryable answers go to the DLQ and come back with replay-dlq. Every test also captures the whole
 * log and proves (in {@link #noSecretWasLogged}) that no routing key, token, webhook URL or signing secret is in it.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class ChannelsIT {

    static final String ROUTING_KEY = "R0UT1NGKEYEXAMPLE00000000000wxyz";
    static final String SLACK_TOKEN = "xoxb-1111-2222-SECRETSLACKTOKENabcd";
    static final String TEAMS_SIG = "VGVhbXNTaWduYXR1cmVGb3JUZXN0aW5nT25seQ";
    static final String SOAR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final RetryPolicy FAST = TestPolicies.FAST;

    final EmbeddedCluster cluster;
    final Serdes serdes;
    final Map<String, Object> kafka;
    final NotifierMetrics.Families metrics = new NotifierMetrics.Families(new PrometheusRegistry());
    final RecordingPagerDuty pagerDuty = new RecordingPagerDuty();
    final RecordingSlack slack = new RecordingSlack();
    final RecordingWebhook teams = new RecordingWebhook(202);
    final RecordingWebhook soar = new RecordingWebhook(204);
    final List<NotifierService> services = new ArrayList<>();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    KafkaProducer<String, byte[]> producer;
    TopicReader<DeliveryReceipt> receipts;

    ChannelsIT(EmbeddedCluster cluster) {
        this.cluster = cluster;
        this.serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        this.kafka = Map.of("bootstrap.servers", cluster.bootstrapServers());
    }

    @BeforeEach
    void setUp() {
        TestKafka.createTopics(cluster, Channel.ids());
        producer = TestKafka.producer(cluster);
        receipts = new TopicReader<>(cluster.bootstrapServers(), Topics.DELIVERIES, serdes);
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        services.forEach(NotifierService::close);
        root().detachAppender(logs);
        producer.close();
        receipts.close();
        pagerDuty.close();
        slack.close();
        teams.close();
        soar.close();
        noSecretWasLogged();
    }

    static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    void noSecretWasLogged() {
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(ROUTING_KEY, SLACK_TOKEN, TEAMS_SIG, SOAR_SECRET, SOAR_SECRET.substring(6));
        }
    }

    // --- the four channels, as the app wires them ---

    Notifier pagerDutyNotifier() {
        return PagerDutyNotifier.fromSettings(new PagerDutySettings(pagerDuty.url(), Optional.of(ROUTING_KEY), Duration.ofSeconds(5)), FAST);
    }

    Notifier slackNotifier() {
        SlackSettings channel = new SlackSettings(slack.apiUrl(), Optional.of(SLACK_TOKEN), "C0ALERTS01", List.of(), Duration.ofSeconds(5));
        SlackSettings warRoom = new SlackSettings(slack.apiUrl(), Optional.of(SLACK_TOKEN), "", List.of("U012AB3CD"), Duration.ofSeconds(5));
        return SlackNotifier.fromSettings(channel, warRoom, FAST, new DeliveriesSlackMessages(kafka, serdes));
    }

    Notifier teamsNotifier() {
        return TeamsNotifier.fromSettings(new TeamsSettings(Optional.of(teams.url("/workflows/abc/triggers/manual/paths/invoke?sv=1.0&sig=" + TEAMS_SIG)),
                Duration.ofSeconds(5), Optional.empty()), FAST);
    }

    Notifier soarNotifier() {
        return SoarNotifier.fromSettings(new SoarSettings(Optional.of(soar.url("/hooks/firebreak")), List.of(SOAR_SECRET), Duration.ofSeconds(5)), FAST);
    }

    NotifierService start(String channel, Notifier notifier) {
        NotifierService service = new NotifierService(channel, notifier, FAST, kafka, serdes, metrics);
        services.add(service);
        service.start();
        return service;
    }

    void publish(Notification n) throws Exception {
        Topic<Notification> topic = Topics.notify(n.getChannel());
        producer.send(new ProducerRecord<>(topic.name(), n.getIncidentId(), serdes.value(topic).serializer().serialize(topic.name(), n)))
                .get(10, TimeUnit.SECONDS);
    }

    static String newIncident() {
        return "oci-fra-1.it." + UUID.randomUUID();
    }

    static Notification note(String incident, String channel, String receiver, NotificationKind kind) {
        return TestNotifications.forReceiver(incident, channel, receiver, kind);
    }

    /** Reports of refused attempts that will be retried. */
    List<DeliveryReceipt> retrying(String incident, String channel) {
        return receipts.poll().stream().filter(r -> r.getIncidentId().equals(incident) && r.getChannel().equals(channel)
                && r.getOutcome().equals(DeliveryRecords.RETRYING)).toList();
    }

    /** Final receipts: delivered, logged or dead-lettered. */
    List<DeliveryReceipt> receipts(String incident, String channel) {
        return receipts.poll().stream().filter(r -> r.getIncidentId().equals(incident) && r.getChannel().equals(channel)
                && !r.getOutcome().equals(DeliveryRecords.POSTED) && !r.getOutcome().equals(DeliveryRecords.RETRYING)).toList();
    }

    // --- outage ---

    @Test
    void pagerDutyOutagePagesEveryIncidentOnceInOrderWhileSlackCarriesOn() throws Exception {
        List<String> incidents = List.of(newIncident(), newIncident(), newIncident());
        for (String incident : incidents) {
            pagerDuty.script(incident, status(500, "{}"), status(503, "{}"),
                    new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build(), status(500, "{}"));
        }
        start("pagerduty", pagerDutyNotifier());
        start("slack", slackNotifier());

        for (String incident : incidents) {
            publish(note(incident, "pagerduty", "pagerduty", NotificationKind.TRIGGER));
            publish(note(incident, "slack", "slack", NotificationKind.TRIGGER));
            publish(note(incident, "pagerduty", "pagerduty", NotificationKind.ACKNOWLEDGE));
            publish(note(incident, "pagerduty", "pagerduty", NotificationKind.RESOLVE));
        }

        // Slack is done while PagerDuty is still inside its outage (every trigger waits ≥ 3 s on the 429)
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents).allSatisfy(i -> assertThat(receipts(i, "slack")).hasSize(1)));
        assertThat(incidents).allSatisfy(i -> assertThat(receipts(i, "pagerduty")).isEmpty());
        // ... but not silent: each refused attempt of a page is on record, with its error and next attempt (issue 17)
        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents).allSatisfy(i -> assertThat(retrying(i, "pagerduty"))
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.getKind()).isEqualTo(NotificationKind.TRIGGER);
                    assertThat(r.getError()).contains("PagerDuty answered");
                    assertThat(r.getNextAttemptAt()).isAfterOrEqualTo(r.getAt());
                })));

        await().atMost(WAIT).untilAsserted(() -> assertThat(incidents).allSatisfy(i -> assertThat(receipts(i, "pagerduty")).hasSize(3)));
        for (String incident : incidents) {
            List<String> actions = pagerDuty.eventsFor(incident).stream().map(e -> e.get("event_action").asText()).toList();
            assertThat(actions).containsExactly("trigger", "trigger", "trigger", "trigger", "trigger", "acknowledge", "resolve");
            assertThat(receipts(incident, "pagerduty")).extracting(DeliveryReceipt::getKind)
                    .containsExactly(NotificationKind.TRIGGER, NotificationKind.ACKNOWLEDGE, NotificationKind.RESOLVE);
            assertThat(receipts(incident, "pagerduty")).allSatisfy(r -> assertThat(r.getRef()).isEqualTo(incident));
            assertThat(receipts(incident, "pagerduty").get(0).getAttempts()).isEqualTo(5);
        }
        assertThat(incidents).allSatisfy(i -> assertThat(slack.callsFor(i)).extracting(RecordingSlack.Call::method).containsExactly("chat.postMessage"));
        assertThat(new NotifierMetrics(metrics, "slack").retried.getLongValue()).isZero();
    }

    // --- crash between send and commit ---

    /** Delivers, then kills the service thread before the receipt and the commit, the way a kill -9 would. */
    static final class CrashAfterDelivery implements Notifier, AutoCloseable {
        private final Notifier delegate;
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final AtomicBoolean crashed = new AtomicBoolean();

        CrashAfterDelivery(Notifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public DeliveryOutcome deliver(Notification n) {
            DeliveryOutcome outcome = delegate.deliver(n);
            if (outcome instanceof DeliveryOutcome.Delivered && armed.getAndSet(false)) {
                crashed.set(true);
                throw new Crash();
            }
            return outcome;
        }

        @Override
        public void close() throws Exception {
            if (delegate instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    static final class Crash extends Error {
        Crash() {
            super("simulated crash between send and commit", null, false, false);
        }
    }

    void crashThenRestart(String channel, Notifier beforeCrash, java.util.function.Supplier<Notifier> afterRestart, Notification n) throws Exception {
        CrashAfterDelivery crashing = new CrashAfterDelivery(beforeCrash);
        NotifierService crashed = start(channel, crashing);
        publish(n);
        // the thread dies of the Crash (an Error the service does not catch): nothing written, nothing committed
        await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> crashing.crashed.get() && !crashed.healthy());
        crashed.close(); // joins the dead thread, so its Crash is reported before any other await listens for errors
        assertThat(receipts(n.getIncidentId(), channel)).isEmpty();
        start(channel, afterRestart.get());
        await().atMost(WAIT).untilAsserted(() -> assertThat(receipts(n.getIncidentId(), channel)).hasSize(1));
    }

    @Test
    void aCrashBetweenSendAndCommitRepeatsThePageUnderTheSameDedupKey() throws Exception {
        String incident = newIncident();

        crashThenRestart("pagerduty", pagerDutyNotifier(), this::pagerDutyNotifier, note(incident, "pagerduty", "pagerduty", NotificationKind.TRIGGER));

        List<JsonNode> events = pagerDuty.eventsFor(incident);
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.get("dedup_key").asText()).isEqualTo(incident));
    }

    @Test
    void aCrashBetweenSendAndCommitUpdatesTheSlackCardInsteadOfPostingASecond() throws Exception {
        String incident = newIncident();

        crashThenRestart("slack", slackNotifier(), this::slackNotifier, note(incident, "slack", "slack-war-room", NotificationKind.TRIGGER));

        List<RecordingSlack.Call> calls = slack.callsFor(incident);
        assertThat(calls).extracting(RecordingSlack.Call::method).containsExactly("chat.postMessage", "chat.update");
        assertThat(slack.calls("conversations.create")).hasSize(1);
        String posted = receipts.poll().stream().filter(r -> r.getIncidentId().equals(incident) && r.getOutcome().equals(DeliveryRecords.POSTED))
                .findFirst().orElseThrow().getRef();
        assertThat(calls.get(1).body().get("channel").asText() + ":" + calls.get(1).body().get("ts").asText()).isEqualTo(posted);
        assertThat(receipts(incident, "slack").get(0).getRef()).isEqualTo(posted);

        // and the incident's later notifications keep updating that one card
        publish(note(incident, "slack", "slack-war-room", NotificationKind.RESOLVE));
        await().atMost(WAIT).untilAsserted(() -> assertThat(receipts(incident, "slack")).hasSize(2));
        assertThat(slack.callsFor(incident)).extracting(RecordingSlack.Call::method).containsExactly("chat.postMessage", "chat.update", "chat.update");
    }

    @Test
    void aCrashBetweenSendAndCommitResendsTheSoarEventWithTheSameWebhookId() throws Exception {
        String incident = newIncident();

        crashThenRestart("soar", soarNotifier(), this::soarNotifier, note(incident, "soar", "soar", NotificationKind.TRIGGER));

        List<RecordedRequest> requests = soar.requestsMentioning(incident);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeaders().get("webhook-id")).isEqualTo(requests.get(0).getHeaders().get("webhook-id"));
        assertThat(receipts(incident, "soar").get(0).getRef()).isEqualTo(requests.get(0).getHeaders().get("webhook-id"));
    }

    // --- DLQ and replay ---

    @Test
    void nonRetryableAnswersGoToEachChannelsDlqWithTheReason() throws Exception {
        String incident = newIncident();
        slack.script("chat.postMessage", RecordingSlack.error("channel_not_found"));
        teams.script(new MockResponse.Builder().code(403).body("{\"error\":{\"code\":\"DirectApiAuthorizationRequired\"}}").build());
        soar.script(new MockResponse.Builder().code(401).body("bad signature").build());
        start("slack", slackNotifier());
        start("teams", teamsNotifier());
        start("soar", soarNotifier());

        publish(note(incident, "slack", "slack", NotificationKind.TRIGGER));
        publish(note(incident, "teams", "teams", NotificationKind.TRIGGER));
        publish(note(incident, "soar", "soar", NotificationKind.TRIGGER));

        Map<String, String> reasons = Map.of("slack", "channel_not_found", "teams", "DirectApiAuthorizationRequired", "soar", "401");
        for (var expected : reasons.entrySet()) {
            try (TopicReader<Notification> dlq = new TopicReader<>(cluster.bootstrapServers(), Topics.deadLetters(expected.getKey()), serdes)) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(dlq.poll()).anySatisfy(dead -> {
                    assertThat(dead.getIncidentId()).isEqualTo(incident);
                    assertThat(dead.getFailureReason()).contains(expected.getValue());
                    assertThat(dead.getAttempts()).isEqualTo(1);
                }));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(receipts(incident, expected.getKey()))
                    .singleElement().satisfies(r -> assertThat(r.getOutcome()).isEqualTo("dead_lettered")));
        }
    }

    @Test
    void replayDlqResendsTheFixedNotificationsOnceAndResumesWhereItStopped() throws Exception {
        String incident = newIncident();
        slack.script("chat.postMessage", RecordingSlack.error("not_in_channel"));
        start("slack", slackNotifier());
        publish(note(incident, "slack", "slack", NotificationKind.TRIGGER));
        await().atMost(WAIT).untilAsserted(() -> assertThat(receipts(incident, "slack")).singleElement()
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo("dead_lettered")));

        // the bot was invited into the channel: replay
        DlqReplayer replayer = new DlqReplayer(kafka, serdes);
        assertThat(replayer.replay("slack")).isPositive();

        await().atMost(WAIT).untilAsserted(() -> assertThat(receipts(incident, "slack")).extracting(DeliveryReceipt::getOutcome)
                .containsExactly("dead_lettered", "delivered"));
        assertThat(receipts(incident, "slack").get(1).getAttempts()).isEqualTo(1);
        assertThat(receipts(incident, "slack").get(1).getNotificationId()).isEqualTo(receipts(incident, "slack").get(0).getNotificationId());
        assertThat(replayer.replay("slack")).isZero();
        assertThat(slack.callsFor(incident)).extracting(RecordingSlack.Call::method).containsExactly("chat.postMessage", "chat.postMessage");
    }
}

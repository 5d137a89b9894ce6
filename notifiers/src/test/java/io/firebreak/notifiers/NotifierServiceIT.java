package io.firebreak.notifiers;

import static io.firebreak.notifiers.RecordingPagerDuty.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.pagerduty.PagerDutyNotifier;
import io.firebreak.notifiers.pagerduty.PagerDutySettings;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The thin path on a real broker and registry: Notification on firebreak.notify.pagerduty.v1 → PagerDuty (a
 * recording server) → DeliveryReceipt on firebreak.deliveries.v1 → offset committed. The broker, the topics and
 * the consumer group are shared by every test of the JVM, so each test works on its own incident ids.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class NotifierServiceIT {

    static final String CHANNEL = "pagerduty";
    static final String ROUTING_KEY = "R0UT1NGKEYEXAMPLE00000000000wxyz";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final RetryPolicy FAST = TestPolicies.FAST;

    final EmbeddedCluster cluster;
    final Serdes serdes;
    final PrometheusRegistry registry = new PrometheusRegistry();
    final NotifierMetrics.Families metrics = new NotifierMetrics.Families(registry);
    final RecordingPagerDuty pagerDuty = new RecordingPagerDuty();
    final List<NotifierService> services = new ArrayList<>();
    KafkaProducer<String, byte[]> producer;
    TopicReader<DeliveryReceipt> receipts;
    TopicReader<Notification> deadLetters;

    NotifierServiceIT(EmbeddedCluster cluster) {
        this.cluster = cluster;
        this.serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
    }

    @BeforeEach
    void createTopicsAndClients() {
        TestKafka.createTopics(cluster, List.of(CHANNEL));
        producer = TestKafka.producer(cluster);
        receipts = new TopicReader<>(cluster.bootstrapServers(), Topics.DELIVERIES, serdes);
        deadLetters = new TopicReader<>(cluster.bootstrapServers(), Topics.deadLetters(CHANNEL), serdes);
    }

    @AfterEach
    void closeEverything() {
        services.forEach(NotifierService::close);
        producer.close();
        receipts.close();
        deadLetters.close();
        pagerDuty.close();
    }

    NotifierService start(Notifier notifier, RetryPolicy policy) {
        NotifierService service = new NotifierService(CHANNEL, notifier, policy,
                Map.of("bootstrap.servers", cluster.bootstrapServers()), serdes, metrics);
        services.add(service);
        service.start();
        return service;
    }

    NotifierService startPagerDuty() {
        PagerDutySettings settings = new PagerDutySettings(pagerDuty.url(), Optional.of(ROUTING_KEY), Duration.ofSeconds(10));
        return start(new PagerDutyNotifier(settings, FAST), FAST);
    }

    RecordMetadata publish(Notification n) throws Exception {
        Topic<Notification> topic = Topics.notify(CHANNEL);
        byte[] value = serdes.value(topic).serializer().serialize(topic.name(), n);
        return producer.send(new ProducerRecord<>(topic.name(), n.getIncidentId(), value)).get(10, TimeUnit.SECONDS);
    }

    static String newIncident() {
        return "oci-fra-1.it." + UUID.randomUUID();
    }

    /** Final receipts (refused attempts that will be retried are reported too, as "retrying"). */
    List<DeliveryReceipt> receiptsFor(String incident) {
        return receipts.poll().stream().filter(r -> r.getIncidentId().equals(incident) && !r.getOutcome().equals(DeliveryRecords.RETRYING))
                .toList();
    }

    long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(NotifierService.groupId(CHANNEL))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    static TopicPartition partitionOf(RecordMetadata sent) {
        return new TopicPartition(sent.topic(), sent.partition());
    }

    long count(String what) {
        return RetryingDeliveryTest.count(new NotifierMetrics(metrics, CHANNEL), what);
    }

    @Test
    void aNotificationBecomesExactlyOnePagerDutyTriggerAndAReceipt() throws Exception {
        String incident = newIncident();
        NotifierService service = startPagerDuty();

        RecordMetadata sent = publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        DeliveryReceipt receipt = receiptsFor(incident).get(0);
        assertThat(receipt.getOutcome()).isEqualTo("delivered");
        assertThat(receipt.getHttpStatus()).isEqualTo(202);
        assertThat(receipt.getRef()).isEqualTo(incident);
        assertThat(receipt.getAttempts()).isEqualTo(1);
        assertThat(receipt.getChannel()).isEqualTo(CHANNEL);
        assertThat(receipt.getKind()).isEqualTo(NotificationKind.TRIGGER);
        assertThat(receipt.getError()).isNull();
        List<JsonNode> events = pagerDuty.eventsFor(incident);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("event_action").asText()).isEqualTo("trigger");
        assertThat(events.get(0).get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        await().atMost(WAIT).untilAsserted(() -> assertThat(committedOffset(partitionOf(sent))).isEqualTo(sent.offset() + 1));
        assertThat(count("sent")).isEqualTo(1);
        assertThat(new NotifierMetrics(metrics, CHANNEL).latency.getCount()).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(service.healthy()).isTrue());
        await().atMost(WAIT).untilAsserted(() -> assertThat(service.lag()).isZero());
        assertThat(registry.scrape("firebreak_notifier_lag_records"::equals).get(0).getDataPoints())
                .anySatisfy(lag -> assertThat(lag.getLabels().get("channel")).isEqualTo(CHANNEL));
    }

    @Test
    void retriesServerErrorsThenRecordsOneSuccessfulDelivery() throws Exception {
        String incident = newIncident();
        pagerDuty.script(incident, status(500, "{}"), status(500, "{}"));
        startPagerDuty();

        RecordMetadata sent = publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        DeliveryReceipt receipt = receiptsFor(incident).get(0);
        assertThat(receipt.getOutcome()).isEqualTo("delivered");
        assertThat(receipt.getAttempts()).isEqualTo(3);
        assertThat(receipt.getHttpStatus()).isEqualTo(202);
        assertThat(pagerDuty.eventsFor(incident)).hasSize(3);
        assertThat(count("retried")).isEqualTo(2);
        assertThat(count("failed")).isEqualTo(2);
        assertThat(count("sent")).isEqualTo(1);
        assertThat(count("dlq")).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(committedOffset(partitionOf(sent))).isEqualTo(sent.offset() + 1));
    }

    @Test
    void rejectedEventGoesToTheDeadLetterTopicWithPagerDutysReason() throws Exception {
        String incident = newIncident();
        pagerDuty.script(incident, status(400,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'payload.severity' is invalid\"]}"));
        startPagerDuty();

        RecordMetadata sent = publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));

        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.poll()).anyMatch(n -> n.getIncidentId().equals(incident)));
        Notification dead = deadLetters.poll().stream().filter(n -> n.getIncidentId().equals(incident)).findFirst().orElseThrow();
        assertThat(dead.getFailureReason()).contains("400", "'payload.severity' is invalid").doesNotContain(ROUTING_KEY);
        assertThat(dead.getAttempts()).isEqualTo(1);
        assertThat(dead.getKind()).isEqualTo(NotificationKind.TRIGGER);
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        DeliveryReceipt receipt = receiptsFor(incident).get(0);
        assertThat(receipt.getOutcome()).isEqualTo("dead_lettered");
        assertThat(receipt.getHttpStatus()).isEqualTo(400);
        assertThat(receipt.getError()).contains("Event object is invalid");
        assertThat(pagerDuty.eventsFor(incident)).hasSize(1);
        assertThat(count("dlq")).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(committedOffset(partitionOf(sent))).isEqualTo(sent.offset() + 1));
    }

    @Test
    void spentRetryBudgetDeadLettersTheNotification() throws Exception {
        String incident = newIncident();
        pagerDuty.script(incident, status(503, "{}"), status(503, "{}"), status(503, "{}"));
        PagerDutySettings settings = new PagerDutySettings(pagerDuty.url(), Optional.of(ROUTING_KEY), Duration.ofSeconds(10));
        RetryPolicy threeAttempts = FAST.withLimits(3, Duration.ofMinutes(1));
        start(new PagerDutyNotifier(settings, threeAttempts), threeAttempts);

        publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));

        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.poll()).anyMatch(n -> n.getIncidentId().equals(incident)));
        Notification dead = deadLetters.poll().stream().filter(n -> n.getIncidentId().equals(incident)).findFirst().orElseThrow();
        assertThat(dead.getAttempts()).isEqualTo(3);
        assertThat(dead.getFailureReason()).contains("retry budget spent after 3 attempts", "503");
        assertThat(pagerDuty.eventsFor(incident)).hasSize(3);
    }

    @Test
    void aResolveWaitsForItsTriggerWhileTheTriggerIsRetried() throws Exception {
        String incident = newIncident();
        pagerDuty.script(incident, new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build(), status(500, "{}"));
        startPagerDuty();

        publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));
        publish(TestNotifications.forIncident(incident, NotificationKind.RESOLVE));

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(2));
        assertThat(pagerDuty.eventsFor(incident)).extracting(event -> event.get("event_action").asText())
                .containsExactly("trigger", "trigger", "trigger", "resolve");
        assertThat(receiptsFor(incident)).extracting(DeliveryReceipt::getKind)
                .containsExactly(NotificationKind.TRIGGER, NotificationKind.RESOLVE);
    }

    @Test
    void aRebalanceDuringALongBackoffHandsTheNotificationOverInsteadOfWaiting() throws Exception {
        String incident = newIncident();
        pagerDuty.script(incident, new MockResponse.Builder().code(503).setHeader("Retry-After", "600").build());
        NotifierService first = startPagerDuty();
        publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));
        await().atMost(WAIT).untilAsserted(() -> assertThat(pagerDuty.eventsFor(incident)).hasSize(1));
        assertThat(first.lag()).isPositive();

        startPagerDuty(); // joins the group: the waiting member keeps polling, so the rebalance completes at once

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        assertThat(receiptsFor(incident).get(0).getOutcome()).isEqualTo("delivered");
        assertThat(pagerDuty.eventsFor(incident)).hasSize(2);
        assertThat(first.healthy()).isTrue();
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndDoesNotBlockItsPartition() throws Exception {
        String incident = newIncident();
        startPagerDuty();
        Topic<Notification> topic = Topics.notify(CHANNEL);
        byte[] garbage = "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        producer.send(new ProducerRecord<>(topic.name(), incident, garbage)).get(10, TimeUnit.SECONDS);
        publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        var dead = deadLetters.pollUnreadable().stream().filter(r -> incident.equals(r.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(new String(dead.get(0).headers().lastHeader(NotifierService.FAILURE_HEADER).value(),
                java.nio.charset.StandardCharsets.UTF_8)).startsWith("unreadable");
        assertThat(count("poison")).isEqualTo(1);
        assertThat(pagerDuty.eventsFor(incident)).hasSize(1);
    }

    @Test
    void withoutCredentialsTheLogReceiverRecordsALoggedReceipt() throws Exception {
        String incident = newIncident();
        start(PagerDutyNotifier.fromSettings(PagerDutySettings.of(Optional.empty()), FAST), FAST);

        publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        DeliveryReceipt receipt = receiptsFor(incident).get(0);
        assertThat(receipt.getOutcome()).isEqualTo("logged");
        assertThat(receipt.getRef()).isEqualTo("logged");
        assertThat(receipt.getHttpStatus()).isNull();
        assertThat(pagerDuty.eventsFor(incident)).isEmpty();
    }

    @Test
    void closingDuringABackoffLeavesTheNotificationForTheNextStart() throws Exception {
        String incident = newIncident();
        pagerDuty.script(incident, new MockResponse.Builder().code(503).setHeader("Retry-After", "600").build());
        NotifierService first = startPagerDuty();
        RecordMetadata sent = publish(TestNotifications.forIncident(incident, NotificationKind.TRIGGER));
        await().atMost(WAIT).untilAsserted(() -> assertThat(pagerDuty.eventsFor(incident)).hasSize(1));
        long committedBefore = committedOffset(partitionOf(sent));

        Instant closing = Instant.now();
        first.close();

        assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(committedOffset(partitionOf(sent))).isEqualTo(committedBefore).isLessThanOrEqualTo(sent.offset());
        assertThat(receiptsFor(incident)).isEmpty();

        startPagerDuty();

        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsFor(incident)).hasSize(1));
        assertThat(receiptsFor(incident).get(0).getOutcome()).isEqualTo("delivered");
        assertThat(pagerDuty.eventsFor(incident)).hasSize(2);
    }
}

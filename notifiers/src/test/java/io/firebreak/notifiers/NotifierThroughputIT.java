package io.firebreak.notifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A burst of new incidents through one channel on the embedded broker, with the log receiver: every notification
 * delivered, its receipt written and its offset committed. It prints notifications/s and the publish → delivery
 * latency (the benchmark's "notify → delivered" step); it asserts correctness only, never a timing, because a
 * shared build machine's speed is no property of the code (bench/README.md measures performance).
 */
@ExtendWith(EmbeddedClusterExtension.class)
class NotifierThroughputIT {

    private static final Logger log = LoggerFactory.getLogger(NotifierThroughputIT.class);
    static final String CHANNEL = "soar";
    static final int NOTIFICATIONS = Integer.getInteger("notifiers.throughput.count", 500);

    final EmbeddedCluster cluster;
    final Serdes serdes;
    KafkaProducer<String, byte[]> producer;
    TopicReader<DeliveryReceipt> receipts;
    NotifierService service;

    NotifierThroughputIT(EmbeddedCluster cluster) {
        this.cluster = cluster;
        this.serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
    }

    @BeforeEach
    void createTopicsAndClients() {
        TestKafka.createTopics(cluster, List.of(CHANNEL));
        producer = TestKafka.producer(cluster);
        receipts = new TopicReader<>(cluster.bootstrapServers(), Topics.DELIVERIES, serdes);
    }

    @AfterEach
    void closeEverything() {
        if (service != null) {
            service.close();
        }
        producer.close();
        receipts.close();
    }

    /** The log receiver, plus when each notification reached it. */
    static final class TimedLogNotifier implements Notifier {
        final Notifier delegate = new LogNotifier(CHANNEL);
        final Map<String, Long> deliveredAtNanos = new ConcurrentHashMap<>();
        final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public DeliveryOutcome deliver(Notification n) {
            DeliveryOutcome outcome = delegate.deliver(n);
            deliveredAtNanos.putIfAbsent(n.getId(), System.nanoTime());
            order.add(n.getId());
            return outcome;
        }
    }

    @Test
    void aBurstOfNewIncidentsIsDeliveredReceiptedAndCommittedInPerIncidentOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TimedLogNotifier notifier = new TimedLogNotifier();
        service = new NotifierService(CHANNEL, notifier, RetryPolicy.defaults(),
                Map.of("bootstrap.servers", cluster.bootstrapServers()), serdes, new NotifierMetrics.Families(new PrometheusRegistry()));
        service.start();
        // the first record only proves the consumer is assigned, so the measurement starts with a live member
        String probe = "oci-fra-1.tp." + run + ".probe";
        publish(TestNotifications.forReceiver(probe, CHANNEL, CHANNEL, NotificationKind.TRIGGER)).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> notifier.deliveredAtNanos.containsKey("ntf-" + probe + "-soar-TRIGGER"));

        Map<String, Long> publishedAtNanos = new ConcurrentHashMap<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String> incidents = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < NOTIFICATIONS / 2; i++) {
            String incident = "oci-fra-1.tp." + run + "." + i;
            incidents.add(incident);
            for (NotificationKind kind : List.of(NotificationKind.TRIGGER, NotificationKind.RESOLVE)) {
                Notification n = TestNotifications.forReceiver(incident, CHANNEL, CHANNEL, kind);
                publishedAtNanos.put(n.getId(), System.nanoTime());
                sent.add(publish(n));
            }
        }
        producer.flush();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> notifier.deliveredAtNanos.keySet().containsAll(publishedAtNanos.keySet()));
        long lastDelivery = notifier.deliveredAtNanos.entrySet().stream().filter(e -> publishedAtNanos.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).max().orElseThrow();
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = f.get();
            ends.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> allCommitted(ends));
        long committed = System.nanoTime();

        long[] latencies = publishedAtNanos.entrySet().stream()
                .mapToLong(e -> notifier.deliveredAtNanos.get(e.getKey()) - e.getValue()).sorted().toArray();
        double seconds = (lastDelivery - start) / 1e9;
        log.info("throughput channel={} notifications={} deliveredIn={}s rate={}/s committedIn={}s latencyMs p50={} p90={} p99={} max={}",
                CHANNEL, NOTIFICATIONS, String.format("%.2f", seconds), String.format("%.0f", NOTIFICATIONS / seconds),
                String.format("%.2f", (committed - start) / 1e9), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 1.0));

        // every trigger before its resolve, and a receipt for each notification
        for (String incident : incidents) {
            assertThat(notifier.order.indexOf("ntf-" + incident + "-soar-TRIGGER"))
                    .isLessThan(notifier.order.indexOf("ntf-" + incident + "-soar-RESOLVE"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(receipts.poll().stream()
                .filter(r -> r.getIncidentId().startsWith("oci-fra-1.tp." + run + ".") && !r.getIncidentId().endsWith("probe"))
                .map(DeliveryReceipt::getNotificationId).distinct().count()).isEqualTo(NOTIFICATIONS / 2 * 2));
    }

    Future<RecordMetadata> publish(Notification n) {
        Topic<Notification> topic = Topics.notify(CHANNEL);
        return producer.send(new ProducerRecord<>(topic.name(), n.getIncidentId(), serdes.value(topic).serializer().serialize(topic.name(), n)));
    }

    boolean allCommitted(Map<TopicPartition, Long> ends) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(NotifierService.groupId(CHANNEL))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(e -> offsets.get(e.getKey()) != null && offsets.get(e.getKey()).offset() >= e.getValue());
        }
    }

    static String ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1));
        return String.format("%.0f", sorted[index] / 1e6);
    }
}

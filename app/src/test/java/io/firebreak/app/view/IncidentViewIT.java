package io.firebreak.app.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.TriggerDelivery;
import io.firebreak.postmortem.report.MttxSample;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read model keeps open incidents forever and closed ones (with their signals) for the configured history, then lets
 * them go; closed ones are read from its disk, open ones from the heap.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class IncidentViewIT {

    private static final BoundedRocksDbMemory.Sizes MEMORY = new BoundedRocksDbMemory.Sizes(16L << 20, 4L << 20);

    @Test
    void closedIncidentsOlderThanTheHistoryLeaveTheViewOpenOnesNeverDo(EmbeddedCluster cluster, @TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        String prefix = "view-" + UUID.randomUUID().toString().substring(0, 8);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        publish(cluster, serdes,
                incident(prefix + ".old-closed", true, now.minus(Duration.ofDays(100))),
                incident(prefix + ".old-open", false, now.minus(Duration.ofDays(100))),
                incident(prefix + ".recent-closed", true, now.minus(Duration.ofDays(10))));
        publish(cluster, serdes, postmortem(prefix + ".old-closed", 1, now.minus(Duration.ofDays(100))),
                postmortem(prefix + ".recent-closed", 1, now.minus(Duration.ofDays(10))));
        try (KafkaProducer<String, IncidentSignal> producer = new KafkaProducer<>(kafka, new StringSerializer(),
                serdes.value(Topics.INCIDENT_SIGNALS).serializer())) {
            for (String incident : new String[] {prefix + ".old-closed", prefix + ".recent-closed"}) {
                for (int i = 0; i < 3; i++) {
                    SignalRef signal = SignalRef.newBuilder().setFingerprint("fp-" + i).setStatus(SignalStatus.FIRING)
                            .setFirstSeen(now).setLastSeen(now).build();
                    producer.send(new ProducerRecord<>(Topics.INCIDENT_SIGNALS.name(), incident + "|fp-" + i,
                            new IncidentSignal(incident, signal))).get();
                }
            }
        }
        AtomicReference<Instant> time = new AtomicReference<>(now);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.get();
            }
        };
        IncidentView view = new IncidentView(kafka, serdes, postmortem -> { }, Duration.ofDays(90), clock, dir, MEMORY);
        try {
            view.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> view.caughtUp() && view.incident(prefix + ".recent-closed").isPresent());
            assertThat(view.incident(prefix + ".old-closed")).as("read, until the next sweep").isPresent();
            await().atMost(Duration.ofSeconds(30)).until(() -> view.postmortem(prefix + ".recent-closed").isPresent());
            assertThat(view.postmortem(prefix + ".old-closed")).isPresent();
            await().atMost(Duration.ofSeconds(30)).until(() -> view.signalsKept(prefix + ".recent-closed") == 3);
            assertThat(view.signals(prefix + ".old-closed", Optional.empty(), 2, Optional.empty()).signals())
                    .extracting(SignalRef::getFingerprint).containsExactly("fp-0", "fp-1");

            time.set(now.plusSeconds(61)); // the next sweep is due
            await().atMost(Duration.ofSeconds(30)).until(() -> view.incident(prefix + ".old-closed").isEmpty());

            assertThat(view.incident(prefix + ".old-open")).as("an open incident is never forgotten").isPresent();
            assertThat(view.incident(prefix + ".recent-closed")).isPresent();
            assertThat(view.postmortem(prefix + ".old-closed")).as("postmortems leave with the history too").isEmpty();
            assertThat(view.mttxSamples()).extracting(MttxSample::incidentId).doesNotContain(prefix + ".old-closed")
                    .contains(prefix + ".recent-closed");
            assertThat(view.postmortem(prefix + ".recent-closed")).isPresent();
            assertThat(view.signals(prefix + ".old-closed", Optional.empty(), 10, Optional.empty()).signals())
                    .as("its signals leave with it").isEmpty();
            assertThat(view.signals(prefix + ".recent-closed", Optional.empty(), 10, Optional.empty()).signals()).hasSize(3);
            assertThat(view.reading()).isTrue();
        } finally {
            view.close();
        }
    }

    @Test
    void closedIncidentsAndPostmortemsAreServedFromDiskAReopenedIncidentFromTheHeapAndAnOlderVersionNeverWins(EmbeddedCluster cluster, @TempDir Path dir)
            throws Exception {
        Instant now = Instant.now();
        String prefix = "disk-" + UUID.randomUUID().toString().substring(0, 8);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        Incident closedOpen = version(incident(prefix + ".closed", false, now.minusSeconds(30)), 1, "first");
        Incident closed = version(incident(prefix + ".closed", true, now.minusSeconds(20)), 2, "closed by hand");
        Incident reopenedClosed = version(incident(prefix + ".reopened", true, now.minusSeconds(25)), 3, "closed");
        Incident reopened = version(incident(prefix + ".reopened", false, now.minusSeconds(10)), 4, "firing again");
        Incident open = version(incident(prefix + ".open", false, now.minusSeconds(15)), 0, "open");
        // an older version after the newest (a replay) changes nothing
        publish(cluster, serdes, closedOpen, closed, closedOpen, reopenedClosed, reopened, open);
        Postmortem latest = postmortem(closed.getId(), 2, now);
        publish(cluster, serdes, postmortem(closed.getId(), 1, now), latest, postmortem(closed.getId(), 1, now));
        try (KafkaProducer<String, DeliveryReceipt> producer = new KafkaProducer<>(kafka, new StringSerializer(),
                serdes.value(Topics.DELIVERIES).serializer())) {
            for (String outcome : new String[] {"retrying", "delivered"}) {
                DeliveryReceipt receipt = DeliveryReceipt.newBuilder().setNotificationId(closed.getId() + "-trigger").setIncidentId(closed.getId())
                        .setChannel("pagerduty").setReceiver("pagerduty").setKind(NotificationKind.TRIGGER).setOutcome(outcome)
                        .setAttempts(1).setAt(now).build();
                producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), closed.getId(), receipt)).get();
            }
        }

        try (IncidentView view = new IncidentView(kafka, serdes, postmortem -> { }, Duration.ofDays(90), Clock.systemUTC(), dir, MEMORY)) {
            view.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> view.caughtUp() && view.incident(open.getId()).isPresent());

            assertThat(view.incident(closed.getId())).as("read back from disk").contains(closed);
            assertThat(view.incident(reopened.getId())).contains(reopened);
            assertThat(view.incident(open.getId())).contains(open);
            assertThat(view.summariesLatestFirst()).as("every incident listed, most recently updated first")
                    .filteredOn(i -> i.id().startsWith(prefix))
                    .extracting(IncidentSummary::id, IncidentSummary::closed, IncidentSummary::version)
                    .containsExactly(tuple(reopened.getId(), false, 4L), tuple(open.getId(), false, 0L), tuple(closed.getId(), true, 2L));
            assertThat(view.summaries()).filteredOn(i -> i.id().startsWith(prefix))
                    .extracting(IncidentSummary::id, summary -> summary.triggers().size())
                    .as("an open incident's pages are watched from its summary; a closed one's are nobody's emergency")
                    .containsExactlyInAnyOrder(tuple(reopened.getId(), 1), tuple(open.getId(), 1), tuple(closed.getId(), 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> view.postmortem(closed.getId()).isPresent());
            assertThat(view.postmortem(closed.getId())).as("read back from disk, the latest revision").contains(latest);
            await().atMost(Duration.ofSeconds(30)).until(() -> view.deliveries(closed.getId()).stream()
                    .anyMatch(receipt -> receipt.getOutcome().equals("delivered")));
            assertThat(view.deliveries(closed.getId())).as("the notification's latest receipt, read from disk")
                    .extracting(DeliveryReceipt::getOutcome).containsExactly("delivered");
            assertThat(view.mttxSamples()).filteredOn(sample -> sample.incidentId().equals(closed.getId()))
                    .extracting(MttxSample::revision, sample -> sample.mttx().mttrSeconds()).containsExactly(tuple(2, OptionalLong.of(120)));
        }
    }

    private static void publish(EmbeddedCluster cluster, Serdes serdes, Incident... incidents) throws Exception {
        for (Topic<?> topic : new Topic<?>[] {Topics.INCIDENTS, Topics.INCIDENT_SIGNALS, Topics.DELIVERIES, Topics.POSTMORTEMS}) {
            cluster.createTopic(topic.name(), 1);
        }
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(kafka, new StringSerializer(), serdes.value(Topics.INCIDENTS).serializer())) {
            for (Incident incident : incidents) {
                producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), incident.getId(), incident)).get();
            }
        }
    }

    private static void publish(EmbeddedCluster cluster, Serdes serdes, Postmortem... postmortems) throws Exception {
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (KafkaProducer<String, Postmortem> producer = new KafkaProducer<>(kafka, new StringSerializer(),
                serdes.value(Topics.POSTMORTEMS).serializer())) {
            for (Postmortem postmortem : postmortems) {
                producer.send(new ProducerRecord<>(Topics.POSTMORTEMS.name(), postmortem.getIncidentId(), postmortem)).get();
            }
        }
    }

    private static Postmortem postmortem(String incidentId, int revision, Instant at) {
        return Postmortem.newBuilder().setIncidentId(incidentId).setCluster("view-cluster").setTitle("postmortem " + revision)
                .setStartedAt(at.minusSeconds(600)).setGeneratedAt(at).setRevision(revision).setMttrSeconds(revision * 60L).build();
    }

    /** The incident at this version, with one page decided (every version: a closed incident keeps its history). */
    private static Incident version(Incident incident, long version, String title) {
        incident.setVersion(version);
        incident.setTitle(title);
        incident.setTriggers(List.of(TriggerDelivery.newBuilder().setReceiver("pagerduty").setChannel("pagerduty")
                .setNotificationId(incident.getId() + "-trigger").setDecidedAt(incident.getOpenedAt()).build()));
        return incident;
    }

    private static Incident incident(String id, boolean closed, Instant updatedAt) {
        return Incident.newBuilder().setId(id).setCluster("view-cluster").setSeverity(Severity.HIGH).setStage(closed ? Stage.POSTMORTEM_PUBLISHED : Stage.ALERT_FIRED)
                .setClosed(closed).setOpenedAt(updatedAt.minusSeconds(600)).setUpdatedAt(updatedAt).build();
    }
}

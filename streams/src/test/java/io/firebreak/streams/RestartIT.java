package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.Stage;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The streams instance stopped mid-storm and started again, on the real broker under exactly_once_v2: once
 * on the same state directory (local RocksDB state reused) and once on a fresh one (state restored from the
 * changelogs). The storm is db-cascade's alerts for two clusters, each alert re-sent several times.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class RestartIT {

    private static final Map<String, List<String>> GRAPH = Map.of(
            "api-gateway", List.of("order-router"),
            "order-router", List.of("trade-engine", "risk-service"),
            "trade-engine", List.of("risk-service", "market-data", "postgres-main"),
            "risk-service", List.of("postgres-main"),
            "postgres-main", List.of(),
            "reporting", List.of());
    private static final List<String> CASCADE = List.of("postgres-main", "risk-service", "trade-engine", "order-router", "api-gateway");
    private static final int REPEATS = 5;

    private record Alert(String service, Severity severity) {
    }

    /** db-cascade in order; reporting's LOW disk alert is the unrelated problem. Each phase adds alerts. */
    private static final List<List<Alert>> PHASES = List.of(
            List.of(new Alert("postgres-main", Severity.CRITICAL), new Alert("risk-service", Severity.HIGH), new Alert("reporting", Severity.LOW)),
            List.of(new Alert("trade-engine", Severity.CRITICAL)),
            List.of(new Alert("order-router", Severity.HIGH)),
            List.of(new Alert("api-gateway", Severity.HIGH)));

    @Test
    void restartMidStormLosesNoIncidentDuplicatesNoneAndNeverPagesTwice(EmbeddedCluster cluster) throws Exception {
        EmbeddedTopics.createAll(cluster);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            IncidentTopology.requireCopartitioned(admin);
        }
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> clusters = List.of("rs-" + run + "-a", "rs-" + run + "-b");
        String applicationId = "firebreak-restart-it-" + run;
        Path stateDir = Files.createTempDirectory("firebreak-restart-it");
        // a short wait, so the restart lands both before and after first notifications of some incident
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().services(GRAPH).enrichmentWait(Duration.ofSeconds(2)).build();
        Instant start = Instant.now();

        try (KafkaProducer<String, Signal> producer = producer(cluster, serdes);
             Observed seen = new Observed(cluster, serdes, clusters)) {
            KafkaStreams first = start(settings, serdes, cluster, applicationId, stateDir);
            send(producer, clusters, 0, start);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                seen.poll();
                clusters.forEach(c -> assertThat(seen.servicesOf(c)).contains("postgres-main"));
            });
            stop(first); // mid-storm: phase 0's repeats may still be unprocessed

            send(producer, clusters, 1, start); // arrives while no instance runs
            KafkaStreams second = start(settings, serdes, cluster, applicationId, stateDir);
            send(producer, clusters, 2, start);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                seen.poll();
                assertThat(clusters).anySatisfy(c -> assertThat(seen.servicesOf(c)).contains("trade-engine"));
            });
            stop(second);

            // a new machine: nothing local, every store restored from its changelog
            KafkaStreams third = start(settings, serdes, cluster, applicationId, Files.createTempDirectory("firebreak-restart-it-fresh"));
            send(producer, clusters, 3, start);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                seen.poll();
                for (String c : clusters) {
                    assertThat(seen.latest(c).values()).anySatisfy(i -> {
                        assertThat(i.getServices()).containsExactlyInAnyOrderElementsOf(CASCADE);
                        assertThat(i.getPagedReceivers()).contains("pagerduty");
                    });
                    assertThat(seen.triggers(c)).isNotEmpty();
                }
            });
            // a second page would come after the first: keep reading for a while and it must not appear
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                seen.poll();
                clusters.forEach(c -> assertThat(seen.triggers(c)).hasSize(1));
            });
            stop(third);

            for (String c : clusters) {
                Map<String, Incident> incidents = seen.latest(c);
                assertThat(incidents).as("one incident per real problem in " + c).hasSize(2);
                Incident cascade = incidents.values().stream().filter(i -> i.getServices().contains("postgres-main")).findFirst().orElseThrow();
                Incident reporting = incidents.values().stream().filter(i -> i.getServices().contains("reporting")).findFirst().orElseThrow();
                assertThat(cascade.getServices()).containsExactlyInAnyOrderElementsOf(CASCADE);
                assertThat(cascade.getSeverity()).isEqualTo(Severity.CRITICAL);
                assertThat(cascade.getRootCauses().get(0).getService()).isEqualTo("postgres-main");
                assertThat(cascade.getTimeline()).extracting(e -> e.getStage()).contains(Stage.SLO_BURN_ANALYZED);
                // no notifier runs here, so nobody accepted the page: it is pending, not PAGED (issue 17)
                assertThat(cascade.getTimeline()).extracting(e -> e.getStage()).doesNotContain(Stage.PAGED, Stage.WAR_ROOM_OPEN);
                assertThat(cascade.getTriggers()).filteredOn(t -> t.getReceiver().equals("pagerduty"))
                        .singleElement().satisfies(t -> assertThat(t.getAcceptedAt()).isNull());
                assertThat(reporting.getServices()).containsExactly("reporting");
                assertThat(reporting.getPagedReceivers()).isEmpty();
                assertThat(seen.triggers(c)).singleElement().satisfies(page -> {
                    assertThat(page.getId()).isEqualTo(cascade.getId() + ":pagerduty:trigger");
                    assertThat(page.getIncidentId()).isEqualTo(cascade.getId());
                });
            }
        }
    }

    private static void send(KafkaProducer<String, Signal> producer, List<String> clusters, int phase, Instant start) throws Exception {
        // re-sent firing alerts, interleaved across clusters, as Alertmanager re-notifies during a storm
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            for (Alert alert : PHASES.get(phase)) {
                for (String c : clusters) {
                    Instant at = start.plusMillis(phase * 1_000L + repeat * 100L);
                    Signal signal = Signals.alert(c, alert.service(), alert.service() + "Alert", alert.severity(), c + "-" + alert.service())
                            .setSummary(alert.service() + " failing").setStartsAt(start).setReceivedAt(at).build();
                    producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), null, at.toEpochMilli(), c, signal));
                }
            }
        }
        producer.flush();
    }

    private static KafkaStreams start(CorrelationSettings settings, Serdes serdes, EmbeddedCluster cluster, String applicationId, Path stateDir) {
        KafkaStreams streams = new KafkaStreams(IncidentTopology.build(settings, serdes),
                IncidentTopology.streamsProperties(cluster.bootstrapServers(), applicationId, stateDir));
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    /** Leaves the group on close, so the next instance gets the tasks at once instead of after the session timeout. */
    private static void stop(KafkaStreams streams) {
        assertThat(streams.state()).as("streams state before stop").isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    private static KafkaProducer<String, Signal> producer(EmbeddedCluster cluster, Serdes serdes) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Serdes.key().serializer(), serdes.value(Topics.SIGNALS).serializer());
    }

    /** What a read_committed reader saw of the test's clusters: incident versions and PagerDuty notifications. */
    private static final class Observed implements AutoCloseable {

        private final KafkaConsumer<String, Incident> incidentReader;
        private final KafkaConsumer<String, Notification> pageReader;
        private final List<String> clusters;
        private final List<Incident> incidents = new ArrayList<>();
        private final List<Notification> pages = new ArrayList<>();

        Observed(EmbeddedCluster cluster, Serdes serdes, List<String> clusters) {
            this.incidentReader = CommittedReader.open(cluster, serdes, Topics.INCIDENTS, "restart-it-");
            this.pageReader = CommittedReader.open(cluster, serdes, Topics.notify("pagerduty"), "restart-it-");
            this.clusters = clusters;
        }

        void poll() {
            collect(incidentReader, incidents);
            collect(pageReader, pages);
        }

        private <V> void collect(KafkaConsumer<String, V> consumer, List<V> into) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (clusters.stream().anyMatch(c -> record.key().startsWith(c + "."))) {
                    into.add(record.value());
                }
            }
        }

        /** Latest version of each incident of one cluster, by id. */
        Map<String, Incident> latest(String cluster) {
            Map<String, Incident> latest = new LinkedHashMap<>();
            incidents.stream().filter(i -> i.getCluster().equals(cluster)).forEach(i -> latest.put(i.getId(), i));
            return latest;
        }

        List<String> servicesOf(String cluster) {
            return latest(cluster).values().stream().flatMap(i -> i.getServices().stream()).toList();
        }

        List<Notification> triggers(String cluster) {
            return pages.stream().filter(n -> n.getCluster().equals(cluster) && n.getKind() == NotificationKind.TRIGGER).toList();
        }

        @Override
        public void close() {
            incidentReader.close();
            pageReader.close();
        }
    }
}

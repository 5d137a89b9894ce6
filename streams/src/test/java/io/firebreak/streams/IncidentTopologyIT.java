package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.core.incident.IncidentIds;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedClusterExtension.class)
class IncidentTopologyIT {

    @Test
    void criticalSignalBecomesAnIncidentAndOnePagerDutyTriggerUnderExactlyOnce(EmbeddedCluster cluster) throws Exception {
        EmbeddedTopics.createAll(cluster);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String clusterName = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Path stateDir = Files.createTempDirectory("firebreak-streams-it");

        try (KafkaStreams streams = new KafkaStreams(IncidentTopology.build(CorrelationSettingsBuilder.defaults().build(), serdes),
                IncidentTopology.streamsProperties(cluster.bootstrapServers(), "firebreak-streams-it-" + clusterName, stateDir))) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            Instant now = Instant.now();
            Signal critical = Signals.alert(clusterName, "trade-engine", "TradeEngineHighLatency", Severity.CRITICAL, "8c1f4b2a9d7e6f01")
                    .setStartsAt(now).setReceivedAt(now).build();
            // the marker shares the cluster key, so the same partition: once its incident shows, the repeat was processed
            Signal marker = Signals.alert(clusterName, "marker", "Marker", Severity.LOW, "marker-fp").setStartsAt(now).setReceivedAt(now).build();
            try (KafkaProducer<String, Signal> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    Serdes.key().serializer(), serdes.value(Topics.SIGNALS).serializer())) {
                for (Signal signal : List.of(critical, critical, marker)) {
                    producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), signal.getCluster(), signal)).get();
                }
            }

            List<Incident> incidents = new ArrayList<>();
            List<Notification> pages = new ArrayList<>();
            try (KafkaConsumer<String, Incident> incidentConsumer = CommittedReader.open(cluster, serdes, Topics.INCIDENTS, "it-");
                 KafkaConsumer<String, Notification> pageConsumer = CommittedReader.open(cluster, serdes, Topics.notify("pagerduty"), "it-")) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    poll(incidentConsumer, clusterName).forEach(incidents::add);
                    poll(pageConsumer, clusterName).forEach(pages::add);
                    assertThat(incidents).extracting(Incident::getServices).contains(List.of("marker"));
                    // the first notifications wait up to correlation.enrichmentWait (5 s) for RCA and burn
                    assertThat(pages).isNotEmpty();
                    assertThat(incidents).anyMatch(i -> !i.getPagedReceivers().isEmpty());
                });
                poll(pageConsumer, clusterName).forEach(pages::add);
            }

            String id = clusterName + "." + IncidentIds.day(now.toEpochMilli()) + ".0001";
            assertThat(incidents).filteredOn(i -> i.getId().equals(id)).last().satisfies(incident -> {
                assertThat(incident.getSeverity()).isEqualTo(Severity.CRITICAL);
                assertThat(incident.getPagedReceivers()).containsExactly("pagerduty", "slack-war-room", "teams");
            });
            assertThat(pages).singleElement().satisfies(page -> {
                assertThat(page.getId()).isEqualTo(id + ":pagerduty:trigger");
                assertThat(page.getTitle()).isEqualTo("[CRITICAL] trade-engine: TradeEngineHighLatency (" + clusterName + ")");
            });
        }
    }

    private static <V> List<V> poll(KafkaConsumer<String, V> consumer, String cluster) {
        List<V> values = new ArrayList<>();
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key().startsWith(cluster + ".")) {
                values.add(record.value());
            }
        }
        return values;
    }
}

package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.embedded.EmbeddedKafka;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes down under a running ingest: requests get 503 + Retry-After within the Kafka timeout, and once
 * Kafka is back the sender's retry lands every Signal exactly once. Uses its own broker (the shared one must
 * not stop); the schema registry of the shared cluster stays up.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class KafkaOutageIT {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofMillis(1500);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answers503WhileKafkaIsDownThenRetryLandsExactlyOnce(EmbeddedCluster shared, @TempDir Path dataDir) throws Throwable {
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(shared.schemaRegistryUrl()));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
             IngestHarness ingest = new IngestHarness(kafka.bootstrapServers(), serdes, KAFKA_TIMEOUT)) {
            createSignalsTopic(kafka.bootstrapServers());
            List<String> firingIds = ids(ingest.postAlertmanagerUntilAccepted(IngestHarness.sample("alertmanager-firing.json")));
            String resolved = IngestHarness.sample("alertmanager-resolved.json");

            kafka.stop();
            assertAnswers503InTime(ingest, resolved); // the producer that was working when Kafka went away
            assertAnswers503InTime(ingest, resolved); // a fresh producer that cannot even initialise

            kafka.restart();
            List<String> resolvedIds = ids(ingest.postAlertmanagerUntilAccepted(resolved));

            List<ConsumerRecord<String, Signal>> records = IngestHarness.committedSignals(kafka.bootstrapServers(), serdes);
            List<String> committedIds = records.stream().map(record -> record.value().getId()).toList();
            List<String> expected = new ArrayList<>(firingIds);
            expected.addAll(resolvedIds);
            assertThat(committedIds).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        }
    }

    private static void assertAnswers503InTime(IngestHarness ingest, String body) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = ingest.postAlertmanager(body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("kafka_unavailable");
        assertThat(took).isLessThan(KAFKA_TIMEOUT.plus(MARGIN));
    }

    private static List<String> ids(HttpResponse<String> accepted) throws Exception {
        JsonNode body = JSON.readTree(accepted.body());
        List<String> ids = new ArrayList<>();
        body.get("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static void createSignalsTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(io.firebreak.schemas.Topics.SIGNALS.name(), 1, (short) 1))).all().get();
        }
    }
}

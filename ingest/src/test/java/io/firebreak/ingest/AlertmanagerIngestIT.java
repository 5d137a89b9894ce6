package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/alertmanager on the embedded broker and registry: the Signals land, committed, once. */
@ExtendWith(EmbeddedClusterExtension.class)
class AlertmanagerIngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void firingSampleLandsAsTwoCommittedSignalsKeyedByCluster(EmbeddedCluster cluster) throws Throwable {
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));

        List<String> ids = new ArrayList<>();
        try (IngestHarness ingest = new IngestHarness(cluster.bootstrapServers(), serdes, Duration.ofSeconds(5))) {
            HttpResponse<String> response = ingest.postAlertmanagerUntilAccepted(IngestHarness.sample("alertmanager-firing.json"));
            JsonNode body = JSON.readTree(response.body());
            body.get("ids").forEach(id -> ids.add(id.asText()));
        }

        List<ConsumerRecord<String, Signal>> records = IngestHarness.committedSignals(cluster.bootstrapServers(), serdes).stream()
                .filter(record -> record.value().getGroupKey().startsWith("{}:{alertname=\"TradeEngineHighLatency\""))
                .toList();
        assertThat(records).hasSize(2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("oci-fra-1");
        assertThat(records).extracting(record -> record.value().getId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(records).extracting(record -> record.value().getFingerprint())
                .containsExactlyInAnyOrder("8c1f4b2a9d7e6f01", "3e77a0c4d1b95f2a");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.value().getStatus()).isEqualTo(SignalStatus.FIRING);
            assertThat(record.value().getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(record.value().getService()).isEqualTo("trade-engine");
        });
    }

    @Test
    void concurrentRequestsEachCommitTheirSignalsOnce(EmbeddedCluster cluster) throws Throwable {
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String sample = IngestHarness.sample("alertmanager-firing.json");
        int requests = 16;

        List<String> ids;
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try (IngestHarness ingest = new IngestHarness(cluster.bootstrapServers(), serdes, Duration.ofSeconds(5))) {
            ingest.postAlertmanagerUntilAccepted(sample.replace("{}:{", "{}:{warmup=\\\"1\\\", "));
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = sample.replace("{}:{", "{}:{request=\\\"" + i + "\\\", ");
                answers.add(senders.submit(() -> ingest.postAlertmanager(body)));
            }
            ids = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                JSON.readTree(response.body()).get("ids").forEach(id -> ids.add(id.asText()));
            }
        } finally {
            senders.shutdownNow();
        }

        List<String> committed = IngestHarness.committedSignals(cluster.bootstrapServers(), serdes).stream()
                .map(record -> record.value().getId()).filter(ids::contains).toList();
        assertThat(committed).hasSize(2 * requests).doesNotHaveDuplicates();
    }
}

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

        List<ConsumerRecord<String, Signal>> records = IngestHarness.committedSignals(cluster.bootstrapServers(), serdes);
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
}

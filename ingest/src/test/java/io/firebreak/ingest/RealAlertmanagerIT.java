package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.AlertmanagerProcess;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real Alertmanager binary: alerts injected through its API reach {@code firebreak.signals.v1}
 * through its webhook receiver (bearer token via {@code http_config.authorization}), and the resolved alert follows.
 * Skips (with the reason) only when the binary is not installed; {@code .ci/run} installs it.
 */
@ExtendWith(EmbeddedClusterExtension.class)
class RealAlertmanagerIT {

    @Test
    void injectedAlertReachesSignalsTopicThroughTheWebhookThenItsResolveFollows(EmbeddedCluster cluster, @TempDir Path dir) throws Throwable {
        Assumptions.assumeTrue(AlertmanagerProcess.installed(),
                "Alertmanager binary not found at " + AlertmanagerProcess.BINARY + ": apt-get install -y prometheus-alertmanager (or set ALERTMANAGER_BIN)");
        cluster.createTopic(Topics.SIGNALS.name(), 3);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        String run = UUID.randomUUID().toString();

        try (IngestHarness ingest = new IngestHarness(cluster.bootstrapServers(), serdes, Duration.ofSeconds(5));
             AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir, ingest.baseUri() + "/v1/alertmanager",
                     IngestHarness.TOKEN)) {
            Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
            alertmanager.inject(AlertmanagerProcess.alert("FirebreakEndToEnd", "e2e-cluster", run, startsAt, Optional.empty()));

            Signal firing = awaitSignal(cluster, serdes, run, SignalStatus.FIRING);
            assertThat(firing.getCluster()).isEqualTo("e2e-cluster");
            assertThat(firing.getService()).isEqualTo("trade-engine");
            assertThat(firing.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(firing.getReceiver()).isEqualTo("firebreak");
            assertThat(firing.getStartsAt()).isEqualTo(startsAt);
            assertThat(firing.getFingerprint()).hasSize(16);
            assertThat(firing.getGroupKey()).contains("FirebreakEndToEnd");

            alertmanager.inject(AlertmanagerProcess.alert("FirebreakEndToEnd", "e2e-cluster", run, startsAt,
                    Optional.of(Instant.now().minusSeconds(1))));

            Signal resolved = awaitSignal(cluster, serdes, run, SignalStatus.RESOLVED);
            assertThat(resolved.getFingerprint()).isEqualTo(firing.getFingerprint());
            assertThat(resolved.getEndsAt()).isNotNull();
        }
    }

    private static Signal awaitSignal(EmbeddedCluster cluster, Serdes serdes, String run, SignalStatus status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> IngestHarness.committedSignals(cluster.bootstrapServers(), serdes).stream()
                        .map(ConsumerRecord::value)
                        .filter(signal -> run.equals(signal.getLabels().get("run")) && signal.getStatus() == status)
                        .findFirst(), Optional::isPresent).get();
    }

}

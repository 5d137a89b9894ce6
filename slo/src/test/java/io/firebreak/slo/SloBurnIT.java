package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.BurnRate;
import io.firebreak.events.LogRecord;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.firebreak.slo.config.Indicator;
import io.firebreak.slo.config.SloDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Simulated trade-engine logs through a real broker and registry: burn rates rise and the page Signal appears. */
@ExtendWith(EmbeddedClusterExtension.class)
class SloBurnIT {

    private static final SloDefinition LATENCY = SloDefinition.ofLogs("trade_execution_latency", "trade-engine", 99.9,
            new Indicator.Latency(Duration.ofMillis(10), Optional.of(99.0), "latency_ms"));

    @TempDir
    Path stateDir;

    @Test
    void latencyRegressionPublishesRisingBurnRatesAndOnePageSignal(EmbeddedCluster cluster) throws Exception {
        cluster.createTopic(Topics.LOGS.name(), 2);
        cluster.createTopic(Topics.BURN.name(), 1, Map.of("cleanup.policy", "compact"));
        cluster.createTopic(Topics.SIGNALS.name(), 1);
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        SloSettings settings = SloSettings.of(List.of(LATENCY)).withEvaluateEvery(Duration.ofMillis(300));
        List<BurnRate> burns = new CopyOnWriteArrayList<>();

        try (KafkaStreams streams = new KafkaStreams(SloTopology.build(settings, serdes),
                     SloTopology.streamsProperties(cluster.bootstrapServers(), "slo-it", stateDir, 1));
             KafkaProducer<String, LogRecord> producer = producer(cluster, serdes);
             KafkaConsumer<String, Signal> signals = consumer(cluster, serdes.value(Topics.SIGNALS).deserializer());
             SloStatusView view = new SloStatusView(Map.of("bootstrap.servers", cluster.bootstrapServers()), serdes.value(Topics.BURN).deserializer(), burns::add)) {
            streams.start();
            view.start();
            signals.subscribe(List.of(Topics.SIGNALS.name()));

            Instant start = Instant.now().minus(Duration.ofMinutes(3));
            for (int i = 0; i < 300; i++) {
                send(producer, start.plusMillis(i * 500L), 3.2);
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(view.find(LATENCY.name()))
                    .hasValueSatisfying(burn -> {
                        assertThat(burn.getTotalEvents()).isEqualTo(300);
                        assertThat(burn.getRates()).containsEntry("5m", 0.0);
                        assertThat(burn.getAlert()).isEqualTo("none");
                    }));

            for (int i = 0; i < 100; i++) {
                send(producer, Instant.now(), 42.0);
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(view.find(LATENCY.name()))
                    .hasValueSatisfying(burn -> {
                        assertThat(burn.getAlert()).isEqualTo("page");
                        assertThat(burn.getRates().get("5m")).isCloseTo(250.0, org.assertj.core.api.Assertions.within(1e-6));
                        assertThat(burn.getRates().get("1h")).isGreaterThan(14.4);
                        assertThat(burn.getBudgetRemaining()).isLessThan(1.0);
                    }));

            List<Signal> received = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                signals.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
                assertThat(received).filteredOn(s -> s.getFingerprint().equals("slo:trade_execution_latency:page")).singleElement()
                        .satisfies(page -> {
                            assertThat(page.getStatus()).isEqualTo(SignalStatus.FIRING);
                            assertThat(page.getSeverity()).isEqualTo(Severity.CRITICAL);
                            assertThat(page.getSource()).isEqualTo(SignalSource.SLO);
                            assertThat(page.getCluster()).isEqualTo("oci-fra-1");
                            assertThat(page.getSummary()).startsWith("trade_execution_latency burning error budget");
                        });
            });
            // Evaluations keep running: the page is not re-sent.
            long evaluationsSoFar = burns.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> burns.size() > evaluationsSoFar + 3);
            signals.poll(Duration.ofMillis(500)).forEach(record -> received.add(record.value()));
            assertThat(received).filteredOn(s -> s.getFingerprint().endsWith(":page")).hasSize(1);
            assertThat(view.all()).extracting(BurnRate::getSlo).containsExactly("trade_execution_latency");
            streams.close(Duration.ofSeconds(10));
        }
    }

    private static void send(KafkaProducer<String, LogRecord> producer, Instant at, double latencyMs) {
        producer.send(new ProducerRecord<>(Topics.LOGS.name(), "trade-engine", LogRecord.newBuilder().setService("trade-engine")
                .setCluster("oci-fra-1").setAt(at).setStatus("FILLED").setLatencyMs(latencyMs).build()));
    }

    private static KafkaProducer<String, LogRecord> producer(EmbeddedCluster cluster, Serdes serdes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), serdes.value(Topics.LOGS).serializer());
    }

    private static <V> KafkaConsumer<String, V> consumer(EmbeddedCluster cluster, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "slo-it-signals");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}

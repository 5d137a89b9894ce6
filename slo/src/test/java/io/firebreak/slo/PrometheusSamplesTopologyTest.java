package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firebreak.events.BurnRate;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusSamplesTopologyTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void prometheusSamplesFillTheSameBucketsAsLogs() {
        SloDefinition slo = new SloDefinition("api_availability", "api", 0.999, Duration.ofDays(30),
                new SliSource.Prometheus(URI.create("http://prometheus:9090"), "good", "total", Duration.ofSeconds(30), Duration.ofSeconds(5)),
                Optional.of("oci-fra-1"), "", "test");
        SloSettings settings = SloSettings.of(List.of(slo));
        assertThat(SloTopology.hasPrometheusSource(settings)).isTrue();
        Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
        try (TopologyTestDriver driver = new TopologyTestDriver(SloTopology.build(settings, serdes),
                SloTopology.streamsProperties("unused:9092", "slo-prom-test", stateDir, 1), START)) {
            TestInputTopic<String, SliSample> samples = driver.createInputTopic(SloTopology.SAMPLES_TOPIC, new StringSerializer(),
                    SliSample.serde().serializer());
            TestOutputTopic<String, BurnRate> burn = driver.createOutputTopic(Topics.BURN.name(), new StringDeserializer(),
                    serdes.value(Topics.BURN).deserializer());
            samples.pipeInput("api_availability", new SliSample("api_availability", START.toEpochMilli(), 980, 1000), START);
            samples.pipeInput("unknown_slo", new SliSample("unknown_slo", START.toEpochMilli(), 0, 1000), START);
            driver.advanceWallClockTime(Duration.ofSeconds(10));
            List<BurnRate> out = burn.readValuesToList();
            assertThat(out).extracting(BurnRate::getSlo).containsOnly("api_availability");
            BurnRate latest = out.get(out.size() - 1);
            assertThat(latest.getTotalEvents()).isEqualTo(1000);
            assertThat(latest.getCluster()).isEqualTo("oci-fra-1");
            assertThat(latest.getRates().get("5m")).isCloseTo(20.0, within(1e-9));
            assertThat(latest.getAlert()).isEqualTo("page");
        }
    }
}

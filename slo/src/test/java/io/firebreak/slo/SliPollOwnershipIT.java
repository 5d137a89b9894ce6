package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.ConstantPrometheus;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SLO engines on one broker, each with its Prometheus poller: every SLO is polled by exactly one of them (no SLI
 * sample twice), and when one engine stops, the other takes its SLOs over without repeating a sample.
 */
@ExtendWith(SliPollOwnershipIT.PrivateCluster.class)
class SliPollOwnershipIT {

    /** Its own broker: the SLO topics here need four partitions, the other classes' two. */
    static final class PrivateCluster extends EmbeddedClusterExtension {
        PrivateCluster() {
            super(Scope.TEST_CLASS);
        }
    }

    private static final int PARTITIONS = 4;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    record Polled(String instance, SliSample sample) {
    }

    @Test
    void everySloIsPolledByOneInstanceAndTakenOverWithoutARepeatWhenItStops(EmbeddedCluster cluster, @TempDir Path stateDir)
            throws Exception {
        for (String topic : List.of(Topics.LOGS.name(), SloTopology.SAMPLES_TOPIC, Topics.SIGNALS.name())) {
            cluster.createTopic(topic, PARTITIONS);
        }
        cluster.createTopic(Topics.BURN.name(), 1, Map.of("cleanup.policy", "compact"));
        Serdes serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
        List<Polled> polled = new CopyOnWriteArrayList<>();
        try (ConstantPrometheus prometheus = new ConstantPrometheus(10)) {
            List<SloDefinition> slos = IntStream.range(0, 8).mapToObj(i -> slo("slo_" + i, prometheus)).toList();
            SloSettings settings = SloSettings.of(slos).withEvaluateEvery(Duration.ofSeconds(1));
            try (Engine a = new Engine("a", settings, serdes, cluster, stateDir, polled);
                 Engine b = new Engine("b", settings, serdes, cluster, stateDir, polled)) {
                assertThat(slos.stream().map(slo -> a.ownership.partitionOf(slo.name())).collect(Collectors.toSet()))
                        .as("the SLO names spread over every samples partition, so both instances own some")
                        .hasSize(PARTITIONS);
                Set<String> names = slos.stream().map(SloDefinition::name).collect(Collectors.toSet());

                await("every SLO polled three times, by both instances between them").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                            assertThat(countsBySlo(polled).keySet()).containsAll(names);
                            assertThat(countsBySlo(polled).values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(3));
                            assertThat(polled).extracting(Polled::instance).contains("a", "b");
                        });
                assertNoSampleTwice(polled);
                assertThat(polled.stream().collect(Collectors.groupingBy(p -> p.sample().slo(),
                        Collectors.mapping(Polled::instance, Collectors.toSet()))).values())
                        .as("while both run, each SLO has one poller").allSatisfy(instances -> assertThat(instances).hasSize(1));

                long stoppedAt = System.currentTimeMillis();
                a.close();
                await("b polls every SLO after a stopped").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(polled.stream().filter(p -> p.instance().equals("b") && p.sample().at() > stoppedAt)
                                .map(p -> p.sample().slo()).collect(Collectors.toSet())).containsAll(names));
                assertNoSampleTwice(polled);
            }
        }
    }

    private static void assertNoSampleTwice(List<Polled> polled) {
        Map<String, Long> repeated = polled.stream().collect(Collectors.groupingBy(p -> p.sample().slo() + "@" + p.sample().at(),
                Collectors.counting()));
        repeated.values().removeIf(count -> count == 1);
        assertThat(repeated).as("SLO@tick sampled more than once").isEmpty();
    }

    private static Map<String, Long> countsBySlo(List<Polled> polled) {
        return polled.stream().collect(Collectors.groupingBy(p -> p.sample().slo(), Collectors.counting()));
    }

    private static SloDefinition slo(String name, ConstantPrometheus prometheus) {
        return new SloDefinition(name, "api", 0.999, Duration.ofDays(30), new SliSource.Prometheus(
                prometheus.url(), "good", "total", INTERVAL, Duration.ofSeconds(2)), Optional.empty(), "", "test");
    }

    /** One instance's SLO engine and its poller, recording what it polled under its name. */
    private static final class Engine implements AutoCloseable {

        final SamplePartitionOwnership ownership;
        private final KafkaStreams streams;
        private final PrometheusSliPoller poller;
        private boolean closed;

        Engine(String name, SloSettings settings, Serdes serdes, EmbeddedCluster cluster, Path stateDir, List<Polled> polled) {
            streams = new KafkaStreams(SloTopology.build(settings, serdes),
                    SloTopology.streamsProperties(cluster.bootstrapServers(), "slo-ownership-it", stateDir.resolve(name), 1));
            ownership = new SamplePartitionOwnership(streams, PARTITIONS);
            Function<SliSample, Polled> tagged = sample -> new Polled(name, sample);
            poller = new PrometheusSliPoller(settings.slos(), HttpClient.newHttpClient(), sample -> polled.add(tagged.apply(sample)),
                    Clock.systemUTC(), ownership);
            streams.start();
            poller.start();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                poller.close();
                streams.close(CloseOptions.timeout(Duration.ofSeconds(10))
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
        }
    }
}

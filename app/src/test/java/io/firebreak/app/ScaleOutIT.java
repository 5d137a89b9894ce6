package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.ConstantPrometheus;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.FreePort;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.slo.SliSample;
import io.firebreak.slo.SloTopology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three firebreak processes on one broker, as docs/deploy.md "Scaling out" deploys them: A and B run ingest and
 * streams behind one (round-robin) address, C the notifiers. An alert storm over four clusters goes through both
 * ingests; B is killed with SIGKILL in the middle of it. Its correlation partitions move to A, every alert answered 202
 * (by A or B) ends in an incident, every incident is paged exactly once, and the PromQL SLI poller wrote no sample
 * twice (each SLO is polled by one instance, before and after the kill).
 */
@ExtendWith(PrivateClusterExtension.class)
class ScaleOutIT {

    private static final List<String> SLOS = List.of("checkout_availability", "search_availability", "login_availability");
    private static final int PARTITIONS = 4;
    private static final int CLUSTERS = 4;
    private static final String APPLICATION_ID = "scale-out";
    private static final String TOKEN = "scale-out-it-token";
    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a SIGKILLed static member keeps its partitions: firebreak's default, which this test checks. */
    private static final Duration SESSION_TIMEOUT = Duration.ofMillis(ClientConfigs.STATIC_MEMBER_SESSION_TIMEOUT_MS);
    /** Kafka's own default session timeout: the move must come well before it, or the default did not apply. */
    private static final Duration KAFKA_DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);

    private final HttpClient http = HttpClient.newHttpClient();

    record Instance(String name, StandaloneProcess process, int http, int admin) {
    }

    @Test
    void twoStreamsInstancesShareTheWorkAndTheSurvivorTakesOverAKilledOnesPartitions(EmbeddedCluster cluster) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "scale-out-it", String.valueOf(System.currentTimeMillis())).toAbsolutePath());
        List<Instance> instances = new ArrayList<>();
        try (RecordingPagerDuty pagerDuty = new RecordingPagerDuty(); ConstantPrometheus prometheus = new ConstantPrometheus(10);
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Path slos = writeSlos(dir, prometheus);
            Instance a = start("a", List.of("ingest", "streams", "api"), dir, cluster, pagerDuty, slos);
            instances.add(a);
            Instance b = start("b", List.of("ingest", "streams", "api"), dir, cluster, pagerDuty, slos);
            instances.add(b);
            instances.add(start("c", List.of("notifiers"), dir, cluster, pagerDuty, slos));
            instances.forEach(this::awaitServing);
            await("A's and B's correlation each hold partitions").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> correlationPartitions(admin).keySet().containsAll(Set.of("a", "b")));

            try (AlertStorm storm = new AlertStorm(List.of(ingest(a), ingest(b)), TOKEN, CLUSTERS, 4, Duration.ofMillis(60))) {
                storm.start();
                await("alerts acknowledged and paged").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> storm.acknowledgedCount() >= 20 && !pagerDuty.triggers().isEmpty());
                LOG.info("event=scale_out_kill acknowledged={} partitions={}", storm.acknowledgedCount(), correlationPartitions(admin));
                b.process().kill();
                long killedAt = System.currentTimeMillis();

                Duration moved = Duration.ofMillis(awaitAllPartitionsOn("a", admin) - killedAt);
                LOG.info("event=scale_out_partitions_moved after_ms={} session_timeout_ms={}", moved.toMillis(), SESSION_TIMEOUT.toMillis());
                assertThat(moved).as("B's partitions moved to A once its static session ended").isLessThan(KAFKA_DEFAULT_SESSION_TIMEOUT);
                int afterMove = storm.acknowledgedCount();
                await("A alone takes alerts on").atMost(Duration.ofSeconds(60)).until(() -> storm.acknowledgedCount() >= afterMove + 20);
                storm.close();

                List<AlertStorm.Alert> acknowledged = storm.acknowledged();
                Map<String, String> incidentOfService = awaitIncidents(a, acknowledged);
                Collection<String> incidents = Set.copyOf(incidentOfService.values());
                await("every incident paged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> pagesByIncident(pagerDuty).keySet().containsAll(incidents));
                assertThat(pagesByIncident(pagerDuty)).as("page triggers per incident").allSatisfy((incident, pages) ->
                        assertThat(pages).as(incident).isEqualTo(1L));
                LOG.info("event=scale_out_passed acknowledged={} incidents={} moved_after_ms={}", acknowledged.size(), incidents.size(),
                        moved.toMillis());

                // the SLO engine is a consumer group of its own: B's samples partitions reach A only after B's session
                // (6 s) and two of A's ticks, which may be after the correlation's partitions moved
                await("every SLO still polled after the kill").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(samples(cluster, admin).stream().filter(s -> s.at() > killedAt + moved.toMillis())
                                .map(SliSample::slo).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(SLOS));
                List<SliSample> samples = samples(cluster, admin);
                assertThat(samples.stream().collect(Collectors.groupingBy(s -> s.slo() + "@" + s.at(), Collectors.counting())))
                        .as("SLI samples per SLO and tick").allSatisfy((tick, count) -> assertThat(count).as(tick).isEqualTo(1L));
            }
        } finally {
            for (Instance instance : instances) {
                instance.process().close();
            }
        }
    }

    /** A firebreak {@code server} with {@code roles}, its own state directory and ports, its log in {@code dir}. */
    private static Instance start(String name, List<String> roles, Path dir, EmbeddedCluster cluster, RecordingPagerDuty pagerDuty,
                                  Path slos) throws IOException {
        int httpPort = FreePort.pick();
        int adminPort = FreePort.pick();
        Path config = dir.resolve(name + ".yml");
        Files.writeString(config, """
                server:
                  applicationConnectors: [{ type: http, port: %d, bindHost: 127.0.0.1 }]
                  adminConnectors: [{ type: http, port: %d, bindHost: 127.0.0.1 }]
                  requestLog: { appenders: [] }
                logging: { level: WARN, loggers: { io.firebreak: INFO, org.apache.kafka.streams.KafkaStreams: INFO } }
                kafka:
                  bootstrapServers: "%s"
                  schemaRegistryUrl: "%s"
                  partitions: %d
                  replicationFactor: 1
                  applicationId: %s
                  instanceId: %s
                  stateDir: "%s"
                  streamThreads: 1   # three JVMs on a shared machine: one thread each is plenty for the test's storm
                roles: %s
                ingest: { tokens: ["${FIREBREAK_INGEST_TOKEN}"] }
                correlation: { enrichmentWait: 0s }
                receivers:
                  pagerduty: { url: "%s", routingKey: "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx" }
                slos: { path: "%s", evaluateEvery: 1s }
                """.formatted(httpPort, adminPort, cluster.bootstrapServers(), cluster.schemaRegistryUrl(), PARTITIONS, APPLICATION_ID,
                name, dir.resolve(name + "-state"), roles, pagerDuty.enqueueUrl(), slos));
        return new Instance(name, StandaloneProcess.server(config, TOKEN, dir.resolve(name + ".log")), httpPort, adminPort);
    }

    private void awaitServing(Instance instance) {
        await(instance.name() + " serving (log " + instance.process().log() + ")").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    assertThat(instance.process().alive()).as(instance.name() + " exited, see " + instance.process().log()).isTrue();
                    return get(URI.create("http://127.0.0.1:" + instance.admin() + "/ping")).statusCode() == 200;
                });
    }

    private static URI ingest(Instance instance) {
        return URI.create("http://127.0.0.1:" + instance.http() + "/v1/alertmanager");
    }

    /** Instance name → the {@code firebreak.signals.v1} partitions its correlation holds now. */
    private static Map<String, Set<Integer>> correlationPartitions(Admin admin) throws Exception {
        Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(APPLICATION_ID)).all()
                .get(10, TimeUnit.SECONDS).get(APPLICATION_ID).members();
        Map<String, Set<Integer>> held = new HashMap<>();
        for (MemberDescription member : members) {
            // group.instance.id = <kafka.instanceId>-correlation-<thread>
            String instance = member.groupInstanceId().orElse("?").split("-correlation-")[0];
            member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(Topics.SIGNALS.name()))
                    .map(TopicPartition::partition).forEach(p -> held.computeIfAbsent(instance, i -> new java.util.TreeSet<>()).add(p));
        }
        return held;
    }

    /** Waits until {@code instance} alone holds every signals partition; returns when (epoch millis). */
    private static long awaitAllPartitionsOn(String instance, Admin admin) {
        Set<Integer> all = IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toSet());
        await("every correlation partition moved to " + instance).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> correlationPartitions(admin).equals(Map.of(instance, all)));
        return System.currentTimeMillis();
    }

    /** Service → incident, once every acknowledged alert's service (one per alert) is in an incident listed by {@code api}. */
    private Map<String, String> awaitIncidents(Instance api, List<AlertStorm.Alert> acknowledged) {
        Set<String> services = acknowledged.stream().map(AlertStorm.Alert::service).collect(Collectors.toSet());
        Map<String, String> incidentOfService = new HashMap<>();
        await("every acknowledged alert (" + services.size() + ") in an incident").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    for (int c = 0; c < CLUSTERS; c++) {
                        URI list = URI.create("http://127.0.0.1:" + api.http() + "/v1/incidents?limit=1000&cluster=crash-" + c);
                        for (JsonNode incident : JSON.readTree(get(list).body()).path("incidents")) {
                            incident.path("services").forEach(s -> incidentOfService.put(s.asText(), incident.path("id").asText()));
                        }
                    }
                    assertThat(incidentOfService.keySet()).as("services in an incident").containsAll(services);
                });
        return incidentOfService;
    }

    /** Incident → PagerDuty triggers of its page ({@code <incident>:pagerduty:trigger}; updates re-trigger under other ids). */
    private static Map<String, Long> pagesByIncident(RecordingPagerDuty pagerDuty) {
        Function<JsonNode, String> notification = t -> t.path("payload").path("custom_details").path("notification_id").asText();
        return pagerDuty.triggers().stream().filter(t -> notification.apply(t).endsWith(":trigger"))
                .collect(Collectors.groupingBy(t -> t.path("dedup_key").asText(), Collectors.counting()));
    }

    /** Every sample the pollers wrote up to now (they keep writing: read up to the end offsets of this moment). */
    private static List<SliSample> samples(EmbeddedCluster cluster, Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toMap(
                p -> new TopicPartition(SloTopology.SAMPLES_TOPIC, p), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> end.put(partition, info.offset()));
        List<SliSample> samples = new ArrayList<>();
        try (KafkaConsumer<String, SliSample> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers()), new StringDeserializer(), SliSample.serde().deserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            await("the samples read").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, SliSample> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        samples.add(record.value());
                    }
                }
                return end.keySet().stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
        }
        return samples;
    }

    private static Path writeSlos(Path dir, ConstantPrometheus prometheus) throws IOException {
        Path slos = Files.createDirectories(dir.resolve("slos"));
        for (String slo : SLOS) {
            Files.writeString(slos.resolve(slo + ".yml"), """
                    slo:
                      name: %s
                      service: %s
                      objective: 99.9
                      source:
                        prometheus: { url: "%s", good: "good", total: "total", interval: 1s, timeout: 2s }
                    """.formatted(slo, slo.split("_")[0], prometheus.url()));
        }
        return slos;
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

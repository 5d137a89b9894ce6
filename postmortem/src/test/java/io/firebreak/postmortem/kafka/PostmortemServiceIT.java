package io.firebreak.postmortem.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.EmbeddedClusterExtension;
import io.firebreak.events.ActionItem;
import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.events.Stage;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.ScriptedIncidents;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import io.firebreak.schemas.registry.RestSchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedClusterExtension.class)
class PostmortemServiceIT {

    private static final String LOKI_ANSWER = """
            {"status":"success","data":{"resultType":"streams","result":[{"stream":{"service":"trade-engine"},
            "values":[["1795857601512000000","{\\"status\\":\\"REJECTED\\",\\"order_id\\":\\"o-991\\"}"]]}]}}""";

    private final EmbeddedCluster cluster;
    private final Serdes serdes;
    private final MockWebServer loki = new MockWebServer();
    private final List<String> lokiQueries = new CopyOnWriteArrayList<>();

    PostmortemServiceIT(EmbeddedCluster cluster) {
        this.cluster = cluster;
        this.serdes = new Serdes(new RestSchemaRegistryClient(cluster.schemaRegistryUrl()));
    }

    @BeforeEach
    void start() throws Exception {
        // One partition each: the test relies on the order of the incident updates it sends.
        cluster.createTopic(Topics.INCIDENTS.name(), 1, Map.of("cleanup.policy", "compact"));
        cluster.createTopic(Topics.POSTMORTEMS.name(), 1, Map.of("cleanup.policy", "compact"));
        loki.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                lokiQueries.add(request.getUrl().queryParameter("query"));
                return new MockResponse.Builder().code(200).body(LOKI_ANSWER).build();
            }
        });
        loki.start();
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    private PostmortemService service(String group) {
        PostmortemSettings settings = ScriptedIncidents.settingsWithLoki(URI.create(loki.url("/").toString()));
        return new PostmortemService(settings, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group), serdes, ScriptedIncidents.CLOCK);
    }

    @Test
    void publishesOnRecoveryRepublishesOnNewActionItemsAndNotAfterARestart() throws Exception {
        Incident recovered = ScriptedIncidents.criticalThroughAllStages();
        recovered.setStage(Stage.RECOVERED);
        recovered.setVersion(21);
        recovered.setTimeline(recovered.getTimeline().subList(0, recovered.getTimeline().size() - 1));
        Incident mitigated = ScriptedIncidents.criticalThroughAllStages();
        mitigated.setStage(Stage.MITIGATED);
        mitigated.setVersion(20);
        mitigated.setRecoveredAt(null);
        mitigated.setTimeline(mitigated.getTimeline().subList(0, mitigated.getTimeline().size() - 2));

        try (PostmortemService service = service("postmortem-it-1")) {
            service.start();
            send(mitigated, recovered);

            List<Postmortem> first = awaitPostmortems(1);
            Postmortem postmortem = first.get(0);
            assertThat(postmortem.getIncidentId()).isEqualTo(ScriptedIncidents.INCIDENT_ID);
            assertThat(postmortem.getRevision()).isEqualTo(1);
            assertThat(postmortem.getMttaSeconds()).isEqualTo(240L);
            assertThat(postmortem.getMarkdown()).contains("| MTTA | acknowledged | 4m | 240 |");
            assertThat(postmortem.getLogQueries().get(0).getLines()).hasSize(1);
            assertThat(lokiQueries).contains("{service=\"trade-engine\"} |= \"REJECTED\"");

            // the topology marks it published (no new content), then someone adds an action item
            Incident published = ScriptedIncidents.criticalThroughAllStages();
            Incident withAction = ScriptedIncidents.criticalThroughAllStages();
            List<ActionItem> items = new ArrayList<>(withAction.getActionItems());
            items.add(new ActionItem("AI-3", "Document the rollback", "alice", "2026-12-01", "open"));
            withAction.setActionItems(items);
            withAction.setVersion(24);
            send(published, withAction);

            List<Postmortem> second = awaitPostmortems(2);
            assertThat(second).extracting(Postmortem::getRevision).containsExactly(1, 2);
            assertThat(second.get(1).getActionItems()).hasSize(3);
        }

        // A new instance with a fresh group replays every incident: the read-back keeps it from republishing.
        try (PostmortemService restarted = service("postmortem-it-2")) {
            restarted.start();
            Incident other = ScriptedIncidents.lowNeverPaged();
            send(other);
            List<Postmortem> all = awaitPostmortems(3);
            assertThat(all).extracting(Postmortem::getIncidentId)
                    .containsExactly(ScriptedIncidents.INCIDENT_ID, ScriptedIncidents.INCIDENT_ID, other.getId());
            assertThat(all.get(2).getMttaSeconds()).isNull();
        }
    }

    private void send(Incident... incidents) throws Exception {
        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                Serdes.key().serializer(), serdes.value(Topics.INCIDENTS).serializer())) {
            for (Incident incident : incidents) {
                producer.send(new ProducerRecord<>(Topics.INCIDENTS.name(), incident.getId(), incident)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until the topic holds exactly {@code count} postmortems, then checks it stays that way for a moment. */
    private List<Postmortem> awaitPostmortems(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> readAll().size() >= count);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> readAll().size() == count);
        return readAll();
    }

    private List<Postmortem> readAll() {
        List<Postmortem> all = new ArrayList<>();
        ClientConfigs config = ClientConfigs.from(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        try (CompactedTopicReader<String, Postmortem> reader = CompactedTopicReader.open(config, Serdes.key().deserializer(),
                serdes.value(Topics.POSTMORTEMS).deserializer())) {
            reader.assignFromBeginning(List.of(Topics.POSTMORTEMS.name()), Duration.ofSeconds(10));
            reader.readToEnd(records -> records.forEach(record -> all.add(record.value())));
        }
        return all;
    }
}

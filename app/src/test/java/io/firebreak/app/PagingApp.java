package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.firebreak.app.replay.FirebreakClient;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole firebreak on a broker of the test class's own, whose PagerDuty is a recording one: the fixture of the
 * end-to-end paging tests, with the requests they send it. Register it as a static {@code @RegisterExtension} field:
 * firebreak starts before the class's first test and stops after its last, then the broker (see
 * {@link PrivateClusterExtension}).
 */
final class PagingApp extends PrivateClusterExtension implements BeforeAllCallback, AfterAllCallback {

    /** The ingest token of {@code it.yml}. */
    static final String TOKEN = "it-token-1";
    /** Named tokens of it.yml's {@code auth.tokens}: one that may only read, one that may only send. */
    static final String READ_TOKEN = "it-read-token";
    static final String INGEST_TOKEN = "it-ingest-token";
    static final String ROUTING_KEY = "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String configResource;
    private final String name;
    private final List<ConfigOverride> overrides;
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedCluster cluster;
    private Path stateDir;
    private RecordingPagerDuty pagerDuty;
    private DropwizardTestSupport<FirebreakConfiguration> app;

    /**
     * @param configResource the app's config file among the test resources ({@code it.yml} unless the test needs another)
     * @param name           names the streams application id, so two test classes never resume each other's streams
     * @param overrides      settings the test class needs beyond the config file
     */
    PagingApp(String configResource, String name, ConfigOverride... overrides) {
        this.configResource = configResource;
        this.name = name;
        this.overrides = List.of(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = cluster(context);
        stateDir = Files.createTempDirectory("firebreak-" + name + "-");
        pagerDuty = new RecordingPagerDuty();
        // the caller's overrides come last, so a test may point PagerDuty elsewhere
        List<ConfigOverride> all = new ArrayList<>(List.of(ConfigOverride.config("receivers.pagerduty.url", pagerDuty.enqueueUrl()),
                ConfigOverride.config("receivers.pagerduty.routingKey", ROUTING_KEY)));
        all.addAll(overrides);
        app = TestApps.start(configResource, cluster, stateDir, name, all.toArray(ConfigOverride[]::new));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (app != null) {
                app.after();
            }
        } finally {
            if (pagerDuty != null) {
                pagerDuty.close();
            }
            Utils.delete(stateDir.toFile());
        }
    }

    EmbeddedCluster cluster() {
        return cluster;
    }

    RecordingPagerDuty pagerDuty() {
        return pagerDuty;
    }

    int port() {
        return app.getLocalPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The replay client the scenario tests drive the app with, sending {@code token}. */
    FirebreakClient client(String token) {
        return new FirebreakClient(URI.create("http://127.0.0.1:" + port()), token, JSON);
    }

    /** An Alertmanager webhook call with {@code it.yml}'s token. */
    HttpResponse<String> postAlertmanager(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/v1/alertmanager")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} with it.yml's all-scopes token. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, TOKEN);
    }

    /** {@code GET path} with {@code token} as the bearer token; none when null. */
    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer to {@code GET path}, which must be a 200. */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path);
        assertThat(answer.statusCode()).as("GET %s -> %s", path, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    int adminPort() {
        return app.getAdminPort();
    }

    /** {@code /healthcheck} of the admin port, whatever its status. */
    JsonNode healthcheck() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    /** The values on {@code topic}, from its beginning to the end it had when reading started (tombstones as null). */
    <V> List<V> valuesOn(String topic, Deserializer<V> values) {
        List<V> read = new ArrayList<>();
        ClientConfigs config = ClientConfigs.from(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        try (CompactedTopicReader<String, V> reader = CompactedTopicReader.open(config, new StringDeserializer(), values)) {
            if (reader.assignFromBeginning(List.of(topic), Duration.ofSeconds(10))) {
                reader.readToEnd(records -> records.forEach(record -> read.add(record.value())), Duration.ofSeconds(15), () -> true);
            }
        }
        return read;
    }
}

package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.firebreak.events.Signal;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.ClientConfigs;
import io.firebreak.schemas.kafka.CompactedTopicReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The ingest HTTP app on a real Jetty, writing with a real EventWriter, plus a read_committed reader of its output. */
final class IngestHarness implements AutoCloseable {

    static final String TOKEN = "it-token";

    private final EventWriter writer;
    private final DropwizardClientExtension app;
    private final HttpClient http = HttpClient.newHttpClient();

    IngestHarness(String bootstrapServers, Serdes serdes, Duration kafkaTimeout) throws Throwable {
        this.writer = new EventWriter(Map.of("bootstrap.servers", bootstrapServers), serdes, kafkaTimeout);
        Ingest ingest = new Ingest(IngestSettingsBuilder.of(List.of(TOKEN), 1024 * 1024, kafkaTimeout, "default").build(),
                writer, new PrometheusRegistry(), Clock.systemUTC());
        this.app = new DropwizardClientExtension(ingest.feature());
        app.before();
    }

    String baseUri() {
        return app.baseUri().toString();
    }

    HttpResponse<String> postAlertmanager(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUri() + "/v1/alertmanager"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Like a retrying sender (Alertmanager retries 5xx): posts until the answer is 202. */
    HttpResponse<String> postAlertmanagerUntilAccepted(String body) {
        List<HttpResponse<String>> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = postAlertmanager(body);
            last.clear();
            last.add(response);
            return response.statusCode() == 202;
        });
        return last.get(0);
    }

    @Override
    public void close() {
        app.after();
        writer.close();
    }

    static String sample(String name) throws IOException {
        try (InputStream in = IngestHarness.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every committed Signal now on the topic (read_committed: aborted or open transactions stay invisible). */
    static List<ConsumerRecord<String, Signal>> committedSignals(String bootstrapServers, Serdes serdes) {
        List<ConsumerRecord<String, Signal>> records = new ArrayList<>();
        ClientConfigs config = ClientConfigs.from(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        try (CompactedTopicReader<String, Signal> reader = CompactedTopicReader.open(config, new StringDeserializer(),
                serdes.value(Topics.SIGNALS).deserializer())) {
            reader.assignFromBeginning(List.of(Topics.SIGNALS.name()), Duration.ofSeconds(30));
            // For read_committed, the end offsets are the last stable ones: reading up to them sees every committed record.
            assertThat(reader.readToEnd(records::addAll, Duration.ofSeconds(30), () -> true)).as("read to the end in 30 s").isTrue();
        }
        return records;
    }
}

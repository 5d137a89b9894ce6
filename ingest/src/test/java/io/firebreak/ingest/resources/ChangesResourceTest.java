package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.ChangeEvent;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ChangesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t0k"), 4096, Duration.ofSeconds(1), "default-cluster").build(),
            SINK, new PrometheusRegistry(), Clock.systemUTC()).feature());

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void deploymentIsAcceptedAsChangeEventKeyedByCluster() throws Exception {
        HttpResponse<String> response = post("{\"service\":\"trade-engine\",\"cluster\":\"oci-fra-1\",\"kind\":\"deployment\","
                + "\"version\":\"v2.14.1\",\"author\":\"jane\",\"url\":\"https://ci.example/42\",\"time\":\"2026-11-28T09:05:00Z\"}", "t0k");

        assertThat(response.statusCode()).isEqualTo(202);
        ChangeEvent change = SINK.onlyEvent(Topics.CHANGES, "oci-fra-1");
        assertThat(change.getVersion()).isEqualTo("v2.14.1");
        assertThat(JSON.readTree(response.body()).get("ids").get(0).asText()).isEqualTo(change.getId());
    }

    /** A missing service, an unknown kind, a time that is no timestamp: a 400 naming what is wrong, nothing written. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"deployment\"}                  | invalid_payload",
            "{\"service\":\"a\",\"kind\":\"reboot\"}      | invalid_payload",
            "{\"service\":\"a\",\"time\":\"now\"}         | invalid_timestamp"})
    void aChangeBreakingTheContractIs400(String body, String error) throws Exception {
        assertRejected(post(body, "t0k"), 400, error);
    }

    @Test
    void wrongTokenIs401() throws Exception {
        assertRejected(post("{\"service\":\"a\"}", "nope"), 401, "invalid_token");
    }

    private void assertRejected(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(SINK.written()).isEmpty();
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(APP.baseUri() + "/v1/changes"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

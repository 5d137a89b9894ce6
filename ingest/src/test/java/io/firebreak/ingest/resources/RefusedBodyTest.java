package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request refused before its body is read still gets its JSON answer, not a connection reset: the server reads the
 * rest of the body first (bounded by the body limit).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RefusedBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 1024 * 1024, Duration.ofSeconds(1), "dc").rateLimit(new IngestSettings.RateLimit(1_000_000, 1_000_000)).build(),
            SINK, new PrometheusRegistry(), Clock.systemUTC()).feature());

    private final String body = "{\"service\":\"trade-engine\",\"description\":\"" + "x".repeat(600_000) + "\"}";

    @Test
    void aLargeBodyWithTheWrongContentTypeGetsTheJson415EveryTime() throws Exception {
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> answer = new TestHttp(APP.baseUri().toString())
                    .post("/v1/changes", body, Map.of("Authorization", "Bearer t", "Content-Type", "text/plain"));
            assertThat(answer.statusCode()).isEqualTo(415);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("unsupported_media_type");
        }
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void aLargeBodyWithAWrongTokenGetsTheJson401EveryTime() throws Exception {
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> answer = new TestHttp(APP.baseUri().toString())
                    .post("/v1/changes", body, TestHttp.json("wrong"));
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_token");
        }
        assertThat(SINK.written()).isEmpty();
    }
}

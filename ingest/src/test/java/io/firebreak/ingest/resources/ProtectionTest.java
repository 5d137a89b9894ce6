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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rate limit per token and JSON limits, on a real Jetty. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProtectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("a", "b", "c"), 512 * 1024, Duration.ofSeconds(1), "dc").rateLimit(new IngestSettings.RateLimit(0.1, 2)).build(),
            SINK, new PrometheusRegistry(), Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC)).feature());

    @Test
    void tokenOverItsBurstGets429WithRetryAfterWhileAnotherTokenIsUnaffected() throws Exception {
        TestHttp http = new TestHttp(APP.baseUri().toString());
        String change = "{\"service\":\"trade-engine\"}";
        assertThat(http.post("/v1/changes", change, TestHttp.json("a")).statusCode()).isEqualTo(202);
        assertThat(http.post("/v1/changes", change, TestHttp.json("a")).statusCode()).isEqualTo(202);

        HttpResponse<String> limited = http.post("/v1/changes", change, TestHttp.json("a"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(JSON.readTree(limited.body()).get("error").asText()).isEqualTo("rate_limited");
        assertThat(http.post("/v1/changes", change, TestHttp.json("b")).statusCode()).isEqualTo(202);
        assertThat(SINK.written()).hasSize(3);
    }

    @Test
    void deepNestingAndHugeStringsAre400JsonLimitExceeded() throws Exception {
        TestHttp http = new TestHttp(APP.baseUri().toString());
        String deep = "{\"service\":\"x\",\"extra\":" + "[".repeat(500) + "]".repeat(500) + "}";
        String huge = "{\"service\":\"x\",\"description\":\"" + "y".repeat(70_000) + "\"}";

        HttpResponse<String> nested = http.post("/v1/coroot", deep, TestHttp.json("c"));
        HttpResponse<String> long_ = http.post("/v1/coroot", huge, TestHttp.json("c"));

        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nested.body()).get("error").asText()).isEqualTo("json_limit_exceeded");
        assertThat(long_.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(long_.body()).get("error").asText()).isEqualTo("json_limit_exceeded");
    }
}

package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The callbacks' rate limit is spent only by verified callbacks, and per route: a flood of unsigned requests (the
 * security review sent 480) leaves the budget to real Slack clicks, and {@code ;n=<i>} path variants are the same route.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CallbackRateLimitTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Instant NOW = Instant.parse("2026-11-28T09:17:00Z");
    private static final RecordingSink SINK = new RecordingSink();
    /** A stopped clock and a budget of two: the third verified callback is 429 for the rest of the test. */
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 64 * 1024, Duration.ofSeconds(1), "dc").callbackSecrets(List.of(), List.of(SECRET))
                    .rateLimit(new IngestSettings.RateLimit(0.1, 2)).build(),
            SINK, new PrometheusRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)).feature());

    @Test
    void unsignedFloodsSpendNothingAndPathVariantsShareTheRoutesBudget() throws Exception {
        TestHttp http = new TestHttp(APP.baseUri().toString());
        long ts = NOW.getEpochSecond();
        String body = SlackCallbackResourceTest.form(SlackCallbackResourceTest.ourSample());
        List<Integer> floodAnswers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String path = i % 2 == 0 ? "/v1/callbacks/slack" : "/v1/callbacks/slack;n=" + i;
            floodAnswers.add(http.post(path, body, headers(ts, "v0=" + "0".repeat(64))).statusCode());
        }
        Map<String, String> signed = headers(ts, SlackCallbackResourceTest.signature(SECRET, ts, body));

        HttpResponse<String> first = http.post("/v1/callbacks/slack", body, signed);
        HttpResponse<String> second = http.post("/v1/callbacks/slack;n=1", body, signed);
        HttpResponse<String> third = http.post("/v1/callbacks/slack;n=2", body, signed);

        assertThat(floodAnswers).as("forged callbacks are refused, never counted against the budget").containsOnly(401);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(third.statusCode()).as("a fresh path variant gets no fresh budget").isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }

    private static Map<String, String> headers(long ts, String signature) {
        return Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp", Long.toString(ts),
                "X-Slack-Signature", signature);
    }
}

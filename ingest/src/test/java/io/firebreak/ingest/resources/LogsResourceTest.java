package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.LogRecord;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/logs: NDJSON structured logs, the seed's trade-engine line as the model. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LogsResourceTest {

    static final String TRADE_ENGINE_LINE = "{\"timestamp\":\"2026-11-28T09:12:03.512Z\",\"level\":\"INFO\",\"service\":\"trade-engine\","
            + "\"cluster\":\"oci-fra-1\",\"msg\":\"order executed\",\"order_id\":\"o-4711\",\"latency_ms\":7.4,\"status\":\"FILLED\","
            + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"http\":{\"method\":\"POST\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    private static final Instant NOW = Instant.parse("2026-11-28T09:14:00Z");
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 64 * 1024, Duration.ofSeconds(1), "default-cluster").maxLogLines(5).build(),
            SINK, new PrometheusRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)).feature());

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void tradeEngineLineBecomesLogRecordKeyedByService() throws Exception {
        HttpResponse<String> response = post(TRADE_ENGINE_LINE + "\n", "application/x-ndjson");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        LogRecord log = SINK.onlyEvent(Topics.LOGS, "trade-engine");
        assertThat(log.getAt()).isEqualTo(Instant.parse("2026-11-28T09:12:03.512Z"));
        assertThat(log.getCluster()).isEqualTo("oci-fra-1");
        assertThat(log.getLevel()).isEqualTo("INFO");
        assertThat(log.getMessage()).isEqualTo("order executed");
        assertThat(log.getStatus()).isEqualTo("FILLED");
        assertThat(log.getLatencyMs()).isEqualTo(7.4);
        assertThat(log.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(log.getFields()).containsExactlyInAnyOrderEntriesOf(Map.of("order_id", "o-4711", "http_method", "POST"));
    }

    @Test
    void aStampedLineSentAgainHasTheSameIdAndAnUnstampedLineNone() throws Exception {
        String unstamped = "{\"service\":\"trade-engine\",\"msg\":\"order executed\",\"latency_ms\":7.4}";
        String other = TRADE_ENGINE_LINE.replace("09:12:03.512Z", "09:12:03.513Z");
        assertThat(post(TRADE_ENGINE_LINE + "\n" + TRADE_ENGINE_LINE + "\n" + other + "\n" + unstamped + "\n", "application/x-ndjson")
                .statusCode()).isEqualTo(202);

        List<LogRecord> lines = SINK.written().stream().map(record -> (LogRecord) record.value()).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).getId()).isNotNull().isEqualTo(lines.get(1).getId()).isNotEqualTo(lines.get(2).getId());
        assertThat(lines.get(3).getId()).isNull();
        assertThat(lines.get(3).getAt()).isEqualTo(NOW);
    }

    @Test
    void badLinesAreReportedByNumberAndTheGoodOnesKept() throws Exception {
        String body = TRADE_ENGINE_LINE + "\n"
                + "{\"service\":\"trade-engine\",\"latency_ms\":\n"   // 2: truncated
                + "\n"                                               // 3: blank, not a line
                + "{\"level\":\"ERROR\"}\n"                          // 4: no service
                + "{\"service\":\"risk-service\",\"ts\":1795857123,\"latency_ms\":\"12.5\",\"status\":500}\n";

        HttpResponse<String> response = post(body, "application/x-ndjson");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(2);
        assertThat(answer.get("errors")).extracting(error -> error.get("line").asInt()).containsExactly(2, 4);
        assertThat(answer.get("errors").get(1).get("reason").asText()).contains("service is required");
        assertThat(SINK.written()).hasSize(2);
        LogRecord risk = (LogRecord) SINK.written().get(1).value();
        assertThat(risk.getAt()).isEqualTo(Instant.ofEpochSecond(1795857123));
        assertThat(risk.getLatencyMs()).isEqualTo(12.5);
        assertThat(risk.getStatus()).isEqualTo("500");
        assertThat(risk.getCluster()).isEqualTo("default-cluster");
    }

    @Test
    void jsonArrayBodyIsAcceptedAsFluentBitJsonFormat() throws Exception {
        HttpResponse<String> response = post("[" + TRADE_ENGINE_LINE + "," + TRADE_ENGINE_LINE + "]", "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(SINK.written()).hasSize(2);
    }

    @Test
    void bodyWithoutOneGoodLineIs400WithTheReasons() throws Exception {
        HttpResponse<String> response = post("not json\n[1,2]\n", "application/x-ndjson");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("error").asText()).isEqualTo("no_valid_lines");
        assertThat(answer.get("rejected").asInt()).isEqualTo(2);
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void moreLinesThanTheBoundIs413AndNothingWritten() throws Exception {
        HttpResponse<String> response = post((TRADE_ENGINE_LINE + "\n").repeat(6), "application/x-ndjson");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("too_many_lines");
        assertThat(SINK.written()).isEmpty();
    }

    @Test
    void wrongOrMissingContentTypeIs415() throws Exception {
        assertThat(post(TRADE_ENGINE_LINE, "text/html").statusCode()).isEqualTo(415);
        HttpResponse<String> missing = new TestHttp(APP.baseUri().toString()).post("/v1/logs", TRADE_ENGINE_LINE, Map.of("Authorization", "Bearer t"));
        assertThat(missing.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(SINK.written()).isEmpty();
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return new TestHttp(APP.baseUri().toString()).post("/v1/logs", body, Map.of("Content-Type", contentType, "Authorization", "Bearer t"));
    }
}

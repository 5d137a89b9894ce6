package io.firebreak.postmortem.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.firebreak.embedded.StallingReceiver;
import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.postmortem.ScriptedIncidents;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LokiClientTest {

    /** A Loki streams answer: two streams, entries out of order, nanosecond timestamps. */
    private static final String STREAMS = """
            {"status":"success","data":{"resultType":"streams","result":[
              {"stream":{"service":"trade-engine","pod":"te-1"},"values":[
                ["1795857601512000000","{\\"level\\":\\"error\\",\\"status\\":\\"REJECTED\\",\\"order_id\\":\\"o-991\\"}"],
                ["1795857500000000000","{\\"level\\":\\"error\\",\\"status\\":\\"REJECTED\\",\\"order_id\\":\\"o-970\\"}"]]},
              {"stream":{"service":"trade-engine","pod":"te-2"},"values":[
                ["1795857550000000000","{\\"level\\":\\"error\\",\\"status\\":\\"REJECTED\\",\\"order_id\\":\\"o-981\\"}"]]}
            ]},"stats":{}}""";

    private final MockWebServer loki = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        loki.start();
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    private PostmortemSettings settings() {
        return ScriptedIncidents.settingsWithLoki(URI.create(loki.url("/").toString()));
    }

    private LogLinesAttacher attacher(PostmortemSettings settings) {
        return new LogLinesAttacher(new LokiClient(settings.lokiUrl().orElseThrow(), Duration.ofSeconds(2), Duration.ofMillis(10)),
                settings.padding(), 2);
    }

    @Test
    void attachesTheNewestLinesAndSendsExactlyTheTemplatedQueryForTheIncidentWindow() throws Exception {
        loki.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(STREAMS).build());
        PostmortemSettings settings = settings();
        Postmortem built = new PostmortemBuilder(settings, ScriptedIncidents.CLOCK).build(ScriptedIncidents.lowNeverPaged());
        built.setLogQueries(built.getLogQueries().subList(0, 1));

        Postmortem attached = attacher(settings).attach(built);

        RecordedRequest request = loki.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/loki/api/v1/query_range");
        assertThat(request.getUrl().queryParameter("query")).isEqualTo("{service=\"market-data\"} |= \"REJECTED\"");
        // incident 07:00:00 .. 07:17:00, padded by 15 min: 06:45:00 .. 07:32:00 on 2026-11-28
        assertThat(request.getUrl().queryParameter("start")).isEqualTo("1795848300000000000");
        assertThat(request.getUrl().queryParameter("end")).isEqualTo("1795851120000000000");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("2");
        assertThat(request.getUrl().queryParameter("direction")).isEqualTo("backward");
        assertThat(Instant.ofEpochSecond(1795848300L)).isEqualTo(ScriptedIncidents.at("06:45:00"));
        assertThat(Instant.ofEpochSecond(1795851120L)).isEqualTo(ScriptedIncidents.at("07:32:00"));

        assertThat(attached.getLogQueries().get(0).getLines()).containsExactly(
                "2026-11-28T09:20:01.512Z {\"level\":\"error\",\"status\":\"REJECTED\",\"order_id\":\"o-991\"}",
                "2026-11-28T09:19:10Z {\"level\":\"error\",\"status\":\"REJECTED\",\"order_id\":\"o-981\"}");
        assertThat(attached.getSummary()).doesNotContain("Note:");
        assertThat(built.getLogQueries().get(0).getLines()).as("the input is left alone").isEmpty();
    }

    @Test
    void retriesA503ThenUsesTheAnswer() throws Exception {
        loki.enqueue(new MockResponse.Builder().code(503).body("overloaded").build());
        loki.enqueue(new MockResponse.Builder().code(200).body(STREAMS).build());

        LokiResult result = new LokiClient(URI.create(loki.url("/").toString()), Duration.ofSeconds(2), Duration.ofMillis(10))
                .queryRange("{service=\"x\"} |= \"REJECTED\"", window(), 10);

        assertThat(result.failure()).isEmpty();
        assertThat(result.lines()).hasSize(3);
        assertThat(loki.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aParseErrorIsNotRetriedAndTheReasonIsKept() {
        loki.enqueue(new MockResponse.Builder().code(400).body("parse error at line 1, col 12").build());

        LokiResult result = new LokiClient(URI.create(loki.url("/").toString()), Duration.ofSeconds(2), Duration.ofMillis(10))
                .queryRange("{service=\"x\"} |= ", window(), 10);

        assertThat(result.lines()).isEmpty();
        assertThat(result.failure()).contains("Loki answered HTTP 400");
        assertThat(loki.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anUnreachableLokiStillGivesAPostmortemWithANoteAndIsAskedOnlyOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostmortemSettings settings = ScriptedIncidents.settingsWithLoki(URI.create("http://127.0.0.1:" + closedPort));
        Postmortem built = new PostmortemBuilder(settings, ScriptedIncidents.CLOCK).build(ScriptedIncidents.lowNeverPaged());

        Postmortem attached = attacher(settings).attach(built);

        assertThat(attached.getLogQueries()).hasSize(4).extracting(LogQuery::getLines).allSatisfy(l -> assertThat(l).isEmpty());
        assertThat(attached.getSummary()).contains("Note: log lines could not be fetched from Loki (Loki unreachable");
        assertThat(attached.getMttrSeconds()).isEqualTo(1020L);
    }

    @Test
    void aSlowLokiTimesOutInsteadOfHangingThePostmortem() {
        loki.enqueue(new MockResponse.Builder().code(200).body(STREAMS).headersDelay(5, TimeUnit.SECONDS).build());

        LokiResult result = new LokiClient(URI.create(loki.url("/").toString()), Duration.ofMillis(300), Duration.ofMillis(10))
                .queryRange("{service=\"x\"} |= \"REJECTED\"", window(), 10);

        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("did not answer"));
        assertThat(result.reachable()).isFalse();
    }

    @Test
    void aLokiThatTricklesItsAnswerCostsOneTimeoutAndHangsUp() throws IOException {
        try (StallingReceiver trickling = StallingReceiver.trickling()) {
            LokiClient client = new LokiClient(trickling.url("/"), Duration.ofSeconds(1), Duration.ofMillis(10));

            LokiResult result = assertTimeoutPreemptively(Duration.ofSeconds(4),
                    () -> client.queryRange("{service=\"x\"}", window(), 10), "the timeout bounds the answer's body too");

            assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).contains("did not answer completely"));
            assertThat(trickling.requests()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> trickling.openAnswers() == 0);
        }
    }

    @Test
    void aLokiAnswerWithoutEndIsCutAtTheSizeLimit() throws IOException {
        try (StallingReceiver endless = StallingReceiver.endless()) {
            LokiClient client = new LokiClient(endless.url("/"), Duration.ofSeconds(60), Duration.ofMillis(10));

            LokiResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.queryRange("{service=\"x\"}", window(), 10));

            assertThat(result.failure()).contains("Loki answered more than " + LokiClient.MAX_ANSWER_BYTES + " bytes");
            await().atMost(Duration.ofSeconds(10)).until(() -> endless.openAnswers() == 0);
        }
    }

    private static LogWindow window() {
        return LogWindow.around(ScriptedIncidents.at("08:57:03"), Optional.of(ScriptedIncidents.at("09:27:03")),
                ScriptedIncidents.at("09:45:00"), Duration.ofMinutes(15));
    }
}

package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.firebreak.embedded.StallingReceiver;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusSliPollerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final MockWebServer prometheus = new MockWebServer();
    private final List<SliSample> sent = new ArrayList<>();
    private SloDefinition slo;
    private PrometheusSliPoller poller;

    @BeforeEach
    void start() throws IOException {
        prometheus.start();
        slo = new SloDefinition("api_availability", "api", 0.999, Duration.ofDays(30),
                new SliSource.Prometheus(URI.create(prometheus.url("/").toString()), "sum(increase(good[$interval]))",
                        "sum(increase(total[$interval]))", Duration.ofSeconds(30), Duration.ofMillis(500)),
                Optional.empty(), "", "test");
        poller = new PrometheusSliPoller(List.of(slo), HttpClient.newHttpClient(), sent::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        poller.close();
        prometheus.close();
    }

    private static MockResponse vector(String... values) {
        StringBuilder result = new StringBuilder();
        for (String value : values) {
            result.append(result.length() == 0 ? "" : ",").append("{\"metric\":{},\"value\":[1795867200,\"").append(value).append("\"]}");
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}").build();
    }

    @Test
    void queriesTotalAndGoodAtThePollInstantWithTheIntervalFilledIn() throws InterruptedException {
        prometheus.enqueue(vector("600.4", "399.9"));
        prometheus.enqueue(vector("995"));
        assertThat(poller.pollOnce(slo)).contains(new SliSample("api_availability", NOW.toEpochMilli(), 995, 1000));
        assertThat(sent).hasSize(1);
        RecordedRequest total = prometheus.takeRequest();
        assertThat(total.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(total.getUrl().queryParameter("query")).isEqualTo("sum(increase(total[30s]))");
        assertThat(total.getUrl().queryParameter("time")).isEqualTo("1795867200.000");
        assertThat(prometheus.takeRequest().getUrl().queryParameter("query")).isEqualTo("sum(increase(good[30s]))");
    }

    @Test
    void goodAboveTotalFromSeparateEvaluationsIsClamped() {
        prometheus.enqueue(vector("100"));
        prometheus.enqueue(vector("101"));
        assertThat(poller.pollOnce(slo).orElseThrow().good()).isEqualTo(100);
    }

    @Test
    void noTrafficSendsNothing() {
        prometheus.enqueue(vector());
        prometheus.enqueue(vector());
        assertThat(poller.pollOnce(slo)).isEmpty();
        assertThat(sent).isEmpty();
        assertThat(poller.failures()).isZero();
    }

    @Test
    void serverErrorIsCountedAndNeverThrown() {
        prometheus.enqueue(new MockResponse.Builder().code(503).body("down").build());
        assertThat(poller.pollOnce(slo)).isEmpty();
        assertThat(poller.failures()).isEqualTo(1);
        assertThat(sent).isEmpty();
    }

    @Test
    void prometheusErrorAnswerIsCounted() {
        prometheus.enqueue(new MockResponse.Builder().code(200)
                .body("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}").build());
        assertThat(poller.pollOnce(slo)).isEmpty();
        assertThat(poller.failures()).isEqualTo(1);
    }

    @Test
    void slowPrometheusTimesOutAndIsCounted() {
        prometheus.enqueue(vector("1").newBuilder().bodyDelay(3, java.util.concurrent.TimeUnit.SECONDS).build());
        long started = System.nanoTime();
        assertThat(poller.pollOnce(slo)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(poller.failures()).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutEndIsCutAtTheSizeLimitAndCounted() throws IOException {
        try (StallingReceiver endless = StallingReceiver.endless()) {
            SloDefinition runaway = new SloDefinition("runaway", "api", 0.999, Duration.ofDays(30), new SliSource.Prometheus(endless.url("/"),
                    "good", "total", Duration.ofSeconds(30), Duration.ofSeconds(30)), Optional.empty(), "", "test");

            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> poller.pollOnce(runaway))).isEmpty();

            assertThat(poller.failures()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> endless.openAnswers() == 0);
        }
    }

    @Test
    void unreachablePrometheusIsCounted() throws IOException {
        prometheus.close();
        assertThat(poller.pollOnce(slo)).isEmpty();
        assertThat(poller.failures()).isEqualTo(1);
    }

    @Test
    void aPollFallsOnTheNearestIntervalTickSoEveryInstanceSamplesTheSameInstants() {
        PrometheusSliPoller late = new PrometheusSliPoller(List.of(slo), HttpClient.newHttpClient(), sent::add,
                Clock.fixed(NOW.plusMillis(29_900), ZoneOffset.UTC));
        prometheus.enqueue(vector("10"));
        prometheus.enqueue(vector("10"));
        assertThat(late.pollOnce(slo)).hasValueSatisfying(sample -> assertThat(sample.at()).isEqualTo(NOW.plusSeconds(30).toEpochMilli()));
        late.close();
    }

    @Test
    void aTickAlreadyPolledIsNotPolledAgain() {
        prometheus.enqueue(vector("10"));
        prometheus.enqueue(vector("10"));
        assertThat(poller.pollOnce(slo)).isPresent();
        assertThat(poller.pollOnce(slo)).isEmpty();
        assertThat(sent).hasSize(1);
        assertThat(prometheus.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anSloIsPolledOnlyWhenOwnedAtThisTickAndThePreviousOne() {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        java.util.concurrent.atomic.AtomicBoolean owned = new java.util.concurrent.atomic.AtomicBoolean(false);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        PrometheusSliPoller taking = new PrometheusSliPoller(List.of(slo), HttpClient.newHttpClient(), sent::add, clock, name -> owned.get());
        for (int i = 0; i < 4; i++) {
            prometheus.enqueue(vector("10"));
        }

        assertThat(taking.tick(slo)).as("not owned").isEmpty();
        owned.set(true);
        now.set(NOW.plusSeconds(30));
        // gained since the last tick: the previous owner may have polled this very tick before giving the SLO up
        assertThat(taking.tick(slo)).as("owned since this tick only").isEmpty();
        now.set(NOW.plusSeconds(60));
        assertThat(taking.tick(slo)).as("owned at two ticks").hasValueSatisfying(sample ->
                assertThat(sample.at()).isEqualTo(NOW.plusSeconds(60).toEpochMilli()));
        owned.set(false);
        now.set(NOW.plusSeconds(90));
        assertThat(taking.tick(slo)).as("given up").isEmpty();
        assertThat(sent).hasSize(1);
        assertThat(prometheus.getRequestCount()).isEqualTo(2);
        taking.close();
    }
}

package io.firebreak.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.firebreak.embedded.LoopbackHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    private HttpServer server;
    private ExecutorService executor;

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One request at a time; the first answer takes {@code firstMillis}, then each takes {@code restMillis}. */
    private FirebreakClient serverAnswering(long firstMillis, long restMillis) throws IOException {
        AtomicInteger seen = new AtomicInteger();
        executor = Executors.newSingleThreadExecutor();
        server = LoopbackHttp.create(0, 64);
        server.createContext("/v1/alertmanager", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(seen.getAndIncrement() == 0 ? firstMillis : restMillis);
                exchange.sendResponseHeaders(202, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
        return new FirebreakClient(server.getAddress().getPort(), "token");
    }

    @Test
    void chargesAStallToEveryRequestScheduledBehindIt() throws Exception {
        FirebreakClient client = serverAnswering(1_000, 0);
        long start = System.nanoTime();
        // 20 requests due every 25 ms, all within the first answer's 1 s stall; one outstanding at a time, so requests
        // 1..19 leave only after the stall, and are answered at once: measured from when they left, they look fast
        OpenLoop loop = OpenLoop.start("test", client, start, 25_000_000L, 20, () -> true, 1,
                start + Duration.ofSeconds(10).toNanos(), n -> "{}");

        OpenLoop.Result result = loop.await(Duration.ofSeconds(10));

        assertThat(result.sent()).isEqualTo(20);
        assertThat(result.accepted()).isEqualTo(20);
        assertThat(result.allAccepted()).isTrue();
        // from the scheduled time, request i waits ≥ 1000 − 25 i ms; a closed loop would have seen one slow request
        assertThat(result.latency().p50()).isGreaterThanOrEqualTo(500);
        assertThat(result.latency().max()).isGreaterThanOrEqualTo(1_000);
        assertThat(java.util.Arrays.stream(result.scheduledAt()).boxed().toList())
                .allSatisfy(due -> assertThat(due).isBetween(start, start + 500_000_000L));
    }

    @Test
    void givesUpWhenTooManyRequestsAreOutstandingAndCountsTheRestAsNotSent() throws Exception {
        FirebreakClient client = serverAnswering(1_500, 1_500);
        long start = System.nanoTime();
        OpenLoop loop = OpenLoop.start("test", client, start, 10_000_000L, 10, () -> true, 2,
                start + Duration.ofMillis(300).toNanos(), n -> "{}");

        OpenLoop.Result result = loop.await(Duration.ofSeconds(10));

        assertThat(result.sent()).isEqualTo(2);
        assertThat(result.notSent()).isEqualTo(8);
        assertThat(result.allAccepted()).isFalse();
    }

    @Test
    void aScheduleOfUnknownLengthEndsWhenToldWithoutCountingTheRestAsNotSent() throws Exception {
        FirebreakClient client = serverAnswering(0, 0);
        AtomicInteger asked = new AtomicInteger();
        long start = System.nanoTime();
        OpenLoop loop = OpenLoop.start("test", client, start, 10_000_000L, 1_000, () -> asked.incrementAndGet() <= 5, 10,
                start + Duration.ofSeconds(10).toNanos(), n -> "{}");

        OpenLoop.Result result = loop.await(Duration.ofSeconds(10));

        assertThat(result.sent()).isEqualTo(5);
        assertThat(result.notSent()).isZero();
        assertThat(result.allAccepted()).isTrue();
        assertThat(result.statuses()).containsEntry(202, 5);
    }
}

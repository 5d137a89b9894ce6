package io.firebreak.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A storm of distinct critical alerts, one per Alertmanager request, each its own {@code (cluster, service)} so each
 * becomes its own incident and page. Like Alertmanager, a sender retries an alert whose request failed (the process is
 * down, or answered 503) until it gets a 202; only 202s count as acknowledged. Given several ingest endpoints, it
 * spreads the requests over them round robin and sends a failed one to the next, as a load balancer in front would.
 */
final class AlertStorm implements AutoCloseable {

    record Alert(int n, String cluster, String service, String fingerprint) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<URI> endpoints;
    private final AtomicInteger nextEndpoint = new AtomicInteger();
    private final String token;
    private final int clusters;
    private final long pauseNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Integer, Alert> acknowledged = new ConcurrentHashMap<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running = true;

    /** {@code senders} threads, each pausing {@code pause} between two alerts. */
    AlertStorm(URI endpoint, String token, int clusters, int senders, Duration pause) {
        this(List.of(endpoint), token, clusters, senders, pause);
    }

    AlertStorm(List<URI> endpoints, String token, int clusters, int senders, Duration pause) {
        this.endpoints = List.copyOf(endpoints);
        this.token = token;
        this.clusters = clusters;
        this.pauseNanos = pause.toNanos();
        for (int i = 0; i < senders; i++) {
            Thread sender = new Thread(this::send, "alert-storm-" + i);
            sender.setDaemon(true);
            this.senders.add(sender);
        }
    }

    void start() {
        senders.forEach(Thread::start);
    }

    /** Alerts answered 202 so far. */
    List<Alert> acknowledged() {
        return List.copyOf(acknowledged.values());
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    private void send() {
        while (running) {
            Alert alert = alert(next.getAndIncrement());
            while (running && !deliver(alert)) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // Alertmanager backs off too
            }
            LockSupport.parkNanos(pauseNanos);
        }
    }

    private Alert alert(int n) {
        String cluster = "crash-" + (n % clusters);
        return new Alert(n, cluster, "svc-" + n, HexFormat.of().toHexDigits((long) n * 0x9E3779B97F4A7C15L));
    }

    private boolean deliver(Alert alert) {
        String body = """
                {"version":"4","status":"firing","receiver":"firebreak","groupKey":"{}:{service=\\"%2$s\\"}","truncatedAlerts":0,
                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager",
                 "alerts":[{"status":"firing","fingerprint":"%3$s",
                   "labels":{"alertname":"CrashStorm","cluster":"%1$s","service":"%2$s","severity":"critical"},
                   "annotations":{"summary":"%2$s down"},"startsAt":"2026-12-01T15:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":""}]}
                """.formatted(alert.cluster(), alert.service(), alert.fingerprint());
        URI endpoint = endpoints.get(Math.floorMod(nextEndpoint.getAndIncrement(), endpoints.size()));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                acknowledged.put(alert.n(), alert);
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // the process is down or was killed mid-request: not acknowledged, try again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    /** Stops sending; an alert in flight is finished (and counted if it got its 202). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread sender : senders) {
            sender.join(20_000);
        }
    }
}

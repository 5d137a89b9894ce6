package io.firebreak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.embedded.LoopbackHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the PagerDuty Events API v2 on 127.0.0.1: answers 202 like PagerDuty and keeps, per
 * dedup key, its first trigger (arrival in {@link System#nanoTime()}) — the "page" of an incident.
 */
public final class RecordingPagerDuty implements AutoCloseable {

    /**
     * One event as received; {@code group} is the incident's cluster and {@code component} its first service (the
     * payload fields of those names), which is how a page is matched to the probe alert that opened it;
     * {@code notificationId} (custom_details.notification_id, blank on acknowledge/resolve) tells a notification
     * delivered again apart from a later update of the same incident.
     */
    public record Event(String action, String dedupKey, String summary, String group, String component, String notificationId,
                        long receivedNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<String, Event> firstTrigger = new ConcurrentHashMap<>();

    public RecordingPagerDuty() throws IOException {
        server = LoopbackHttp.create(0, 64);
        server.createContext("/v2/enqueue", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            JsonNode event = JSON.readTree(body.readAllBytes());
            String action = event.path("event_action").asText();
            String dedupKey = event.path("dedup_key").asText();
            JsonNode payload = event.path("payload");
            Event received = new Event(action, dedupKey, payload.path("summary").asText(), payload.path("group").asText(),
                    payload.path("component").asText(), payload.path("custom_details").path("notification_id").asText(), now);
            events.add(received);
            if ("trigger".equals(action)) {
                firstTrigger.putIfAbsent(dedupKey, received);
            }
            byte[] answer = ("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                    + JSON.writeValueAsString(dedupKey) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    public String enqueueUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
    }

    /** Dedup key (= incident id) → its first trigger: the page. */
    public Map<String, Event> firstTriggers() {
        return Map.copyOf(firstTrigger);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

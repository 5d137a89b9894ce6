package io.firebreak.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for the PagerDuty Events API v2: answers 202 like PagerDuty and keeps every event it got; or, during an
 * outage ({@link #refuseWith}), answers every event with that status and keeps none.
 */
final class RecordingPagerDuty implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<Long> triggerNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile int outageStatus;

    RecordingPagerDuty() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (outageStatus != 0) {
                    refused.incrementAndGet();
                    return new MockResponse.Builder().code(outageStatus).body("{\"status\":\"unavailable\"}").build();
                }
                try {
                    JsonNode event = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
                    events.add(event);
                    if ("trigger".equals(event.path("event_action").asText())) {
                        triggerNanos.add(System.nanoTime());
                    }
                    contentTypes.add(String.valueOf(request.getHeaders().get("Content-Type")));
                    return new MockResponse.Builder().code(202)
                            .addHeader("Content-Type", "application/json")
                            .body("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                                    + JSON.writeValueAsString(event.path("dedup_key").asText()) + "}")
                            .build();
                } catch (IOException e) {
                    return new MockResponse.Builder().code(400).body("{\"status\":\"invalid event\"}").build();
                }
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    /** An outage: every event is answered with {@code status} (e.g. 503) until {@link #recover}. */
    void refuseWith(int status) {
        outageStatus = status;
    }

    void recover() {
        outageStatus = 0;
    }

    /** Events answered with the outage status. */
    int refused() {
        return refused.get();
    }

    String enqueueUrl() {
        return server.url("/v2/enqueue").toString();
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    List<JsonNode> triggers() {
        return events.stream().filter(e -> "trigger".equals(e.path("event_action").asText())).toList();
    }

    /** {@link System#nanoTime()} at which each trigger arrived, in arrival order. */
    List<Long> triggerArrivals() {
        return List.copyOf(triggerNanos);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    @Override
    public void close() {
        server.close();
    }
}

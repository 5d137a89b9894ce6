package io.firebreak.notifiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A recording stand-in for the PagerDuty Events API: keeps every event it receives and answers from a script
 * per dedup key (202 when nothing is scripted). Scripting by dedup key keeps tests that share the broker, the
 * topic and the consumer group independent of each other.
 */
public final class RecordingPagerDuty extends Dispatcher implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Queue<JsonNode> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<MockResponse>> scripts = new ConcurrentHashMap<>();

    public RecordingPagerDuty() {
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public java.net.URI url() {
        return server.url("/v2/enqueue").uri();
    }

    /** The next answers for events with this dedup key, in order; after them, 202. */
    public void script(String dedupKey, MockResponse... answers) {
        scripts.computeIfAbsent(dedupKey, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    public static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    public List<JsonNode> eventsFor(String dedupKey) {
        return received.stream().filter(event -> dedupKey.equals(event.path("dedup_key").asText())).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        JsonNode event;
        try {
            event = json.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
        } catch (IOException e) {
            return status(400, "{\"status\":\"invalid event\",\"message\":\"not JSON\"}");
        }
        received.add(event);
        String dedupKey = event.path("dedup_key").asText();
        Queue<MockResponse> script = scripts.get(dedupKey);
        MockResponse scripted = script == null ? null : script.poll();
        return scripted != null ? scripted
                : status(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedupKey + "\"}");
    }

    @Override
    public void close() {
        server.close();
    }
}

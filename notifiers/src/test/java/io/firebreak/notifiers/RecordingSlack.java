package io.firebreak.notifiers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A recording stand-in for the Slack Web API methods the notifier calls: conversations.create (name_taken for a
 * name it already has), conversations.list, conversations.invite, chat.postMessage (a new ts each) and chat.update
 * (message_not_found for an unknown ts). Answers can be scripted per method; every call is kept.
 */
public final class RecordingSlack extends Dispatcher implements AutoCloseable {

    /** One recorded Web API call. */
    public record Call(String method, String authorization, String contentType, JsonNode body, Map<String, String> form) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<MockResponse>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final Map<String, Boolean> archived = new ConcurrentHashMap<>();
    private final Map<String, String> messages = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1795857125_004900L);
    private final AtomicLong channelIds = new AtomicLong(1);

    public RecordingSlack() {
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI apiUrl() {
        return server.url("/api").uri();
    }

    public void script(String method, MockResponse... answers) {
        scripts.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    /** A channel that already exists (e.g. from an earlier attempt), optionally archived. */
    public String existingChannel(String name, boolean isArchived) {
        String id = "C0EXIST" + channelIds.getAndIncrement();
        channels.put(name, id);
        archived.put(name, isArchived);
        return id;
    }

    public static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse error(String error) {
        return ok("{\"ok\":false,\"error\":\"" + error + "\"}");
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Calls whose body mentions the incident id (posts and updates carry it in text, blocks and metadata). */
    public List<Call> callsFor(String incidentId) {
        return calls.stream().filter(c -> c.body() != null && c.body().toString().contains(incidentId)).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getUrl().pathSegments().get(request.getUrl().pathSize() - 1);
        String contentType = request.getHeaders().get("Content-Type");
        String raw = request.getBody() == null ? "" : request.getBody().utf8();
        JsonNode body = null;
        Map<String, String> form = Map.of();
        try {
            if (contentType != null && contentType.startsWith("application/json")) {
                body = json.readTree(raw);
            } else {
                form = parseForm(raw);
            }
        } catch (IOException e) {
            return error("invalid_json");
        }
        calls.add(new Call(method, request.getHeaders().get("Authorization"), contentType, body, form));
        Queue<MockResponse> script = scripts.get(method);
        MockResponse scripted = script == null ? null : script.poll();
        if (scripted != null) {
            return scripted;
        }
        return switch (method) {
            case "conversations.create" -> create(body.path("name").asText());
            case "conversations.list" -> list();
            case "conversations.invite" -> ok("{\"ok\":true,\"channel\":{\"id\":\"" + body.path("channel").asText() + "\"}}");
            case "chat.postMessage" -> post(body);
            case "chat.update" -> update(body);
            default -> error("unknown_method");
        };
    }

    private MockResponse create(String name) {
        if (channels.containsKey(name)) {
            return error("name_taken");
        }
        String id = "C0INC" + channelIds.getAndIncrement();
        channels.put(name, id);
        archived.put(name, false);
        return ok("{\"ok\":true,\"channel\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"is_channel\":true}}");
    }

    private MockResponse list() {
        ObjectNode answer = json.createObjectNode().put("ok", true);
        var list = answer.putArray("channels");
        channels.forEach((name, id) -> list.addObject().put("id", id).put("name", name).put("is_archived", archived.get(name)));
        answer.putObject("response_metadata").put("next_cursor", "");
        return ok(answer.toString());
    }

    private MockResponse post(JsonNode body) {
        String channel = body.path("channel").asText();
        String id = channel.startsWith("#") ? "C0ALERTS01" : channel;
        long next = ts.incrementAndGet();
        String messageTs = (next / 1_000_000) + "." + String.format("%06d", next % 1_000_000);
        messages.put(id + ":" + messageTs, body.path("text").asText());
        return ok("{\"ok\":true,\"channel\":\"" + id + "\",\"ts\":\"" + messageTs + "\",\"message\":{}}");
    }

    private MockResponse update(JsonNode body) {
        String key = body.path("channel").asText() + ":" + body.path("ts").asText();
        if (!messages.containsKey(key)) {
            return error("message_not_found");
        }
        messages.put(key, body.path("text").asText());
        return ok("{\"ok\":true,\"channel\":\"" + body.path("channel").asText() + "\",\"ts\":\"" + body.path("ts").asText() + "\"}");
    }

    private static Map<String, String> parseForm(String raw) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.firebreak.notifiers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A recording webhook receiver (Teams workflow, SOAR): keeps every request, answers from a script, else {@code success}. */
public final class RecordingWebhook extends Dispatcher implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Queue<RecordedRequest> received = new ConcurrentLinkedQueue<>();
    private final Queue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private final int success;

    public RecordingWebhook(int success) {
        this.success = success;
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url(String pathAndQuery) {
        return URI.create(server.url("/").toString().replaceAll("/$", "") + pathAndQuery);
    }

    public void script(MockResponse... answers) {
        script.addAll(List.of(answers));
    }

    public List<RecordedRequest> requestsMentioning(String text) {
        return received.stream().filter(r -> r.getBody() != null && r.getBody().utf8().contains(text)).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        received.add(request);
        MockResponse scripted = script.poll();
        return scripted != null ? scripted : new MockResponse.Builder().code(success).build();
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.firebreak.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A Prometheus HTTP API on 127.0.0.1 whose every instant query ({@code /api/v1/query}) answers the same one-series
 * vector, so each poll of a PromQL SLI becomes a sample: tests of who polls, not of what the queries say.
 */
public final class ConstantPrometheus implements AutoCloseable {

    private final HttpServer server;

    public ConstantPrometheus(long value) throws IOException {
        byte[] answer = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[0,\""
                + value + "\"]}]}}").getBytes(StandardCharsets.UTF_8);
        server = LoopbackHttp.create(0, 0);
        server.createContext("/api/v1/query", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        server.start();
    }

    /** The base URL, as an SLO's {@code source.prometheus.url}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

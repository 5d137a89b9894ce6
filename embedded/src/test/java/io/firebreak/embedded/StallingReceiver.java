package io.firebreak.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers 200 with its headers at once and then never finishes the body: it
 * either trickles one byte a second ({@link #trickling()}) or sends bytes without end ({@link #endless()}). It is
 * the stalling receiver every outbound client must survive: a client whose deadline covers only the headers hangs
 * here. {@link #openAnswers()} counts the answers still being written, so a test can see that the client hung up
 * and no thread on either side stays stuck.
 */
public final class StallingReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stalling-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger openAnswers = new AtomicInteger();

    private StallingReceiver(Body body) throws IOException {
        server = LoopbackHttp.create(0, 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, body));
        server.start();
    }

    /** Headers at once, then one byte a second for as long as the client stays. */
    public static StallingReceiver trickling() throws IOException {
        return new StallingReceiver(out -> {
            for (;;) {
                out.write('{');
                out.flush();
                // the receiver's slowness, not a wait in the test
                Thread.sleep(1000);
            }
        });
    }

    /** Headers at once, then bytes as fast as the client takes them, without end. */
    public static StallingReceiver endless() throws IOException {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) ' ');
        return new StallingReceiver(out -> {
            for (;;) {
                out.write(chunk);
            }
        });
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    /** Answers still being written: 0 once every client hung up. */
    public int openAnswers() {
        return openAnswers.get();
    }

    private void answer(HttpExchange exchange, Body body) throws IOException {
        requests.incrementAndGet();
        openAnswers.incrementAndGet();
        try {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked: no length, the body ends when we say
            body.write(exchange.getResponseBody());
        } catch (IOException e) {
            // the client hung up: what the test waits for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
            openAnswers.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException, InterruptedException;
    }
}

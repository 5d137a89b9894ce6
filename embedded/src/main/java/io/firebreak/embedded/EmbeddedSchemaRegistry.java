package io.firebreak.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry speaking the Confluent REST subset firebreak uses, on 127.0.0.1, storing everything in
 * the compacted topic {@code _schemas} of the given Kafka cluster. Starting it again on the same cluster
 * gives the same ids, as a Confluent registry would.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaLog log;
    private final int port;
    private boolean stopped;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, SchemaLog log) {
        this.server = server;
        this.executor = executor;
        this.log = log;
        this.port = server.getAddress().getPort();
    }

    /**
     * Reads {@code _schemas} (creating it when missing) to the end, then serves on {@code port} (0 picks a
     * free port). Blocks until the registry answers requests.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        SchemaLog log = SchemaLog.open(bootstrapServers);
        try {
            RegistryState state = new RegistryState();
            log.replay(state);
            HttpServer server = LoopbackHttp.create(port, 50);
            ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "embedded-schema-registry");
                thread.setDaemon(true);
                return thread;
            });
            server.createContext("/", new RegistryHttpHandler(new SchemaRegistryService(state, log)));
            server.setExecutor(executor);
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, log);
            LOG.info("event=schema_registry_started url={} bootstrapServers={}", registry.url(), bootstrapServers);
            return registry;
        } catch (IOException e) {
            log.close();
            throw new UncheckedIOException("cannot bind the embedded schema registry to 127.0.0.1:" + port, e);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return port;
    }

    /** Stops serving and closes the Kafka producer; idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
        LOG.info("event=schema_registry_stopped url={}", url());
    }

    @Override
    public void close() {
        stop();
    }
}

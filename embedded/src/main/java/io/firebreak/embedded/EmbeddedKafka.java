package io.firebreak.embedded;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.coordinator.transaction.AddPartitionsToTxnConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM, on
 * 127.0.0.1. Data lives in the given directory, so {@link #restart()} (or a new {@link #start} on the same
 * directory) finds every topic and offset again.
 *
 * <p>Not thread-safe for concurrent start/stop: one owner drives the lifecycle.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /**
     * How long a broker itself retries adding a partition to a transaction whose last one is still finishing
     * ({@code add.partitions.to.txn.retry.backoff.max.ms}): this broker's setting, and the one docker-compose and
     * docs/operations.md give external brokers.
     */
    public static final int ADD_PARTITION_WAIT_MS = 5_000;

    private static final int START_ATTEMPTS = 10;

    private final BrokerStorage storage;
    private final int requestedPort;
    private final int startAttempts;
    private final Optional<SecuredListener> secured;
    private int port;
    private int securedPort;
    private KafkaRaftServer server;
    private boolean deadIncarnationRemoved;

    private EmbeddedKafka(BrokerStorage storage, int requestedPort, int startAttempts, Optional<SecuredListener> secured) {
        this.storage = storage;
        this.requestedPort = requestedPort;
        this.startAttempts = startAttempts;
        this.secured = secured;
    }

    /**
     * Formats {@code dataDir} if needed and starts a broker on {@code port} (0 picks a free port). Blocks until
     * the broker accepts requests (about 3 s).
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, START_ATTEMPTS);
    }

    /** As {@link #start(Path, int)}, giving up after {@code attempts} failed starts (tests of the failure path). */
    static EmbeddedKafka start(Path dataDir, int port, int attempts) {
        EmbeddedKafka kafka = new EmbeddedKafka(new BrokerStorage(dataDir), port, attempts, Optional.empty());
        kafka.startServer();
        return kafka;
    }

    /** As {@link #start(Path, int)} on a fresh {@code dataDir}, with a SASL_SSL listener too ({@link #securedBootstrapServers()}). */
    public static EmbeddedKafka start(Path dataDir, SecuredListener secured) {
        EmbeddedKafka kafka = new EmbeddedKafka(new BrokerStorage(dataDir, secured.scramArguments()), 0, START_ATTEMPTS, Optional.of(secured));
        kafka.startServer();
        return kafka;
    }

    /** {@code 127.0.0.1:<port>} of the SASL_SSL listener; only for a broker started with a {@link SecuredListener}. */
    public String securedBootstrapServers() {
        if (secured.isEmpty()) {
            throw new IllegalStateException("this broker has no secured listener");
        }
        return "127.0.0.1:" + securedPort;
    }

    /** {@code 127.0.0.1:<port>}, stable across {@link #restart()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return storage.dir();
    }

    /** Whether the last start removed a killed broker's registration instead of waiting out its session ({@link DeadIncarnation}). */
    synchronized boolean deadIncarnationRemoved() {
        return deadIncarnationRemoved;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the broker again on the same data directory and port, stopping it first if it runs. */
    public synchronized EmbeddedKafka restart() {
        stop();
        startServer();
        return this;
    }

    /** Shuts the broker down and waits for it; does nothing when it is not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        DeadIncarnation.serving(storage, false);
        shutdown(server);
        server = null;
        LOG.info("event=kafka_stopped port={} tookMs={}", port, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        boolean crashed = DeadIncarnation.diedWhileServing(storage);
        DeadIncarnation.serving(storage, false);
        storage.prepare();
        // The first start with port 0 fixes the port; a restart reuses it so clients reconnect by themselves.
        int brokerPort = port != 0 ? port : requestedPort;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= startAttempts; attempt++) {
            int candidate = brokerPort != 0 ? brokerPort : FreePort.pick();
            // The controller keeps its port from one start to the next: after a kill -9 the controller replays its own
            // registration, old port included, and until it registers again a client asking it (DeadIncarnation) is sent
            // to that port. With a new port each start, 2 of 60 restarts in the kill -9 soak timed out there and
            // waited out the dead broker's session (11.5 s to the first page instead of about 6).
            int controllerPort = attempt == 1 ? storage.freeLastControllerPort().orElseGet(FreePort::pick) : FreePort.pick();
            int securedCandidate = secured.isEmpty() ? 0 : securedPort != 0 ? securedPort : FreePort.pick();
            long started = System.nanoTime();
            Properties props = BrokerProperties.of(storage.dir(), candidate, controllerPort);
            secured.ifPresent(listener -> listener.addTo(props, securedCandidate));
            KafkaRaftServer candidateServer = null;
            try (DeadIncarnation dead = crashed ? DeadIncarnation.remove(controllerPort) : DeadIncarnation.none()) {
                candidateServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
                candidateServer.startup();
                server = candidateServer;
                port = candidate;
                securedPort = securedCandidate;
                deadIncarnationRemoved = dead.removed();
                storage.rememberControllerPort(controllerPort);
                DeadIncarnation.serving(storage, true);
                LOG.info("event=kafka_started bootstrapServers={} dataDir={} afterCrash={} deadIncarnationRemoved={} tookMs={}",
                        bootstrapServers(), storage.dir(), crashed, deadIncarnationRemoved, (System.nanoTime() - started) / 1_000_000);
                return;
            } catch (RuntimeException e) {
                // Usually a port taken between picking and binding (or still held after a restart): try again.
                last = e;
                LOG.warn("event=kafka_start_failed attempt={} port={} controllerPort={} reason=\"{}\"",
                        attempt, candidate, controllerPort, rootCause(e).getMessage());
                if (candidateServer != null) {
                    shutdown(candidateServer);
                }
                if (attempt < startAttempts) {
                    sleepBeforeRetry(attempt);
                }
            }
        }
        throw new IllegalStateException("cannot start embedded Kafka on port " + brokerPort + " with data in "
                + storage.dir() + " after " + startAttempts + " attempts", last);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void shutdown(KafkaRaftServer target) {
        try {
            target.shutdown();
            target.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("event=kafka_shutdown_failed reason=\"{}\"", e.getMessage());
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            // A back-off, not a wait for a condition: the port may be released by the OS a little later.
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting embedded Kafka", e);
        }
    }

    /** The broker configuration: single node, every internal topic with replication factor 1. */
    static final class BrokerProperties {

        private BrokerProperties() {
        }

        static Properties of(Path dir, int port, int controllerPort) {
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", String.valueOf(BrokerStorage.NODE_ID));
            props.put("controller.quorum.voters", BrokerStorage.NODE_ID + "@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + BrokerStorage.CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + BrokerStorage.CONTROLLER_LISTENER + ":PLAINTEXT");
            props.put("controller.listener.names", BrokerStorage.CONTROLLER_LISTENER);
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dir.toString());
            props.put("num.partitions", "1");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "10");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "10");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            // Consumer groups in tests and standalone start at once instead of waiting 3 s for more members.
            props.put("group.initial.rebalance.delay.ms", "0");
            // The log cleaner's default 128 MiB dedupe buffer is sized for production brokers, not a laptop.
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            props.put("num.recovery.threads.per.data.dir", "2");
            // After a kill -9 the broker re-reads every log past its recovery point, which otherwise advances only when a
            // segment rolls (1 GiB) and is written down once a minute: after a day of alerts that is every active
            // segment. Flushing dirty logs and writing the recovery points every 2 s bounds the re-read to ~2 s of data.
            props.put("log.flush.scheduler.interval.ms", "2000");
            props.put("log.flush.interval.ms", "2000");
            props.put("log.flush.offset.checkpoint.interval.ms", "2000");
            // After a kill -9 the broker comes back with a new incarnation, and its own controller, replaying the old
            // registration, refuses it until the old session times out (9 s by default): nothing is paged meanwhile.
            // Broker and controller share this process, so a short session cannot be lost to the network; 4 s is still
            // eight heartbeats, so a busy machine does not fence its own broker (measured: 24 s → 18 s to a started broker
            // after kill -9 at load 12, the rest being unclean log recovery and JVM warm-up). DeadIncarnation usually
            // spares the wait, and relies on the session being longer than its DeadIncarnation.ASK_FOR.
            props.put("broker.session.timeout.ms", "4000");
            props.put("broker.heartbeat.interval.ms", "500");
            // Transactions V2 adds a partition to a transaction with its first write. While the coordinator still writes
            // the markers of the producer's previous transaction, that add fails with CONCURRENT_TRANSACTIONS; the broker
            // retries it for at most this long (100 ms by default) and then answers the client with the error. Back to
            // the client, the first batch is retried while the next ones meet OUT_OF_ORDER_SEQUENCE_NUMBER ("expected
            // sequence 0"), a loop that stalled ingest and correlation for up to 12 s in a storm on 2 cores (docs/
            // operations.md). Waiting here for the markers instead: 0 client errors in 3 runs of back-to-back
            // transactions that gave 30-72 with the default (bench/README, session 13).
            props.put(AddPartitionsToTxnConfig.ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS_CONFIG, String.valueOf(ADD_PARTITION_WAIT_MS));
            return props;
        }
    }
}

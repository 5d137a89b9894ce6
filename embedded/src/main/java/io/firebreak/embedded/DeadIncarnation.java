package io.firebreak.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.UnregisterBrokerOptions;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the registration a killed broker left in its own controller, so the restarted broker registers at once.
 *
 * <p>Broker and controller share this process. After a kill -9 the controller replays its log, finds the dead broker
 * still registered and unfenced, and gives that registration a fresh session; the restarted broker (a new incarnation)
 * is refused with {@code DUPLICATE_BROKER_REGISTRATION} until the session times out ({@code broker.session.timeout.ms}),
 * and nothing is paged meanwhile. So a start after the broker died <em>while serving</em> asks the controller, through
 * its own listener, to unregister the node ({@code UnregisterBroker}, what an operator does for a dead broker).
 *
 * <p>It must never remove the new incarnation instead: that one then never starts (every heartbeat answered
 * {@code STALE_BROKER_EPOCH}, the start blocked for good). A dead registration that is still unfenced keeps the new one
 * out for a whole session, longer than this asks ({@link #ASK_FOR} after the controller's port opened, which is before it
 * takes over), so removing an unfenced dead registration is safe. A fenced one is not: the new incarnation registers at
 * once. Hence the marker {@link #SERVING_FILE}, written once the broker serves (registered and unfenced) and removed
 * before it stops or starts: a broker that fenced itself on the way down and was then killed (a stop that overran its
 * grace period), or died while starting, leaves none, and the next start waits out at most one session instead. Kafka's
 * own {@code .kafka_cleanshutdown}, which this class went by at first, is missing in both cases too: a test that
 * dropped it after a clean stop saw the new incarnation unregistered 103 ms after the controller listened, and the
 * start never ended. The partitions lose their leader exactly as when the session times out, and get it back when the
 * broker registers.
 */
final class DeadIncarnation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadIncarnation.class);
    /** Present while the broker serves; see the class comment. */
    static final String SERVING_FILE = ".firebreak-broker-serving";
    /** How long to wait for the controller's port: longer than any start. */
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    /** Shorter than the broker session (4 s, {@code EmbeddedKafka.BrokerProperties}); see the class comment. */
    static final Duration ASK_FOR = Duration.ofMillis(2500);

    private final CompletableFuture<Boolean> removed;
    private final Thread remover;

    private DeadIncarnation(CompletableFuture<Boolean> removed, Thread remover) {
        this.removed = removed;
        this.remover = remover;
    }

    /** Whether the broker's last run on {@code storage} died while serving; ask before starting, then {@link #serving} false. */
    static boolean diedWhileServing(BrokerStorage storage) {
        return storage.isFormatted() && Files.exists(storage.dir().resolve(SERVING_FILE));
    }

    /** Marks the broker on {@code storage} as serving (once started) or not (before it stops or starts). */
    static void serving(BrokerStorage storage, boolean serving) {
        Path marker = storage.dir().resolve(SERVING_FILE);
        try {
            if (serving) {
                Files.writeString(marker, "the broker serves; a start that finds this file unregisters the dead incarnation\n");
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            // without the marker a start after a kill waits out the dead registration's session (4 s) instead
            LOG.warn("event=kafka_serving_marker_failed file={} reason=\"{}\"", marker, e.getMessage());
        }
    }

    /** Nothing to remove: the last run stopped cleanly, or there was none. */
    static DeadIncarnation none() {
        return new DeadIncarnation(CompletableFuture.completedFuture(false), null);
    }

    /** Starts removing the dead incarnation in the background; close once the server has started. */
    static DeadIncarnation remove(int controllerPort) {
        CompletableFuture<Boolean> removed = new CompletableFuture<>();
        Thread remover = new Thread(() -> removed.complete(unregister(controllerPort)), "firebreak-embedded-dead-incarnation");
        remover.setDaemon(true);
        remover.start();
        return new DeadIncarnation(removed, remover);
    }

    private static boolean unregister(int controllerPort) {
        // the admin client would log a WARN every few milliseconds until the controller listens: wait for the port first
        if (!listening(controllerPort)) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, "127.0.0.1:" + controllerPort,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ASK_FOR.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ASK_FOR.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "firebreak-embedded-dead-incarnation"))) {
            long asked = System.nanoTime();
            long deadline = asked + ASK_FOR.toNanos();
            while (true) {
                try {
                    long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    admin.unregisterBroker(BrokerStorage.NODE_ID, new UnregisterBrokerOptions().timeoutMs((int) remainingMs)).all().get();
                    LOG.info("event=kafka_dead_incarnation_unregistered node={} afterPortOpenMs={}", BrokerStorage.NODE_ID,
                            (System.nanoTime() - asked) / 1_000_000);
                    return true;
                } catch (ExecutionException e) {
                    // The controller listens (on the port of its last start) before it has replayed its log and taken
                    // over; until then it refuses ("The active controller appears to be node 1", "There is no finalized
                    // MetadataVersion"), errors the admin client does not retry. Only a node already gone is final.
                    if (e.getCause() instanceof BrokerIdNotRegisteredException || System.nanoTime() >= deadline) {
                        throw e;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof BrokerIdNotRegisteredException)) {
                // not fatal: the broker then registers when the old session times out, as Kafka alone would
                LOG.warn("event=kafka_dead_incarnation_kept node={} reason=\"{}\"", BrokerStorage.NODE_ID, e.getCause().getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server started (or gave up) first
            return false;
        }
    }

    private static boolean listening(int port) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        return false;
    }

    /** Whether the dead broker's registration has been removed by now. */
    boolean removed() {
        return removed.getNow(false);
    }

    @Override
    public void close() {
        if (remover != null) {
            remover.interrupt();
        }
    }
}

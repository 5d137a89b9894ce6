package io.firebreak.embedded;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the registration a killed broker left in its own controller, so the restarted broker registers at once.
 *
 * <p>Broker and controller share this process. After a kill -9 the controller replays its log, finds the dead broker
 * still registered and unfenced, and gives that registration a fresh session; the restarted broker (a new incarnation)
 * is refused with {@code DUPLICATE_BROKER_REGISTRATION} until the session times out ({@code broker.session.timeout.ms}),
 * and nothing is paged meanwhile. A broker stopped cleanly fenced itself on the way down and leaves
 * {@code .kafka_cleanshutdown} behind, so only a start without that file asks the controller, through its own
 * listener, to unregister the node ({@code UnregisterBroker}, what an operator does for a dead broker). That is safe
 * here because the new incarnation cannot have registered yet: the controller refuses it for a whole session after it
 * took over, and the request goes out as soon as the controller answers. The partitions lose their leader exactly as
 * when the session times out, and get it back when the broker registers.
 */
final class DeadIncarnation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadIncarnation.class);
    /** What Kafka's log manager writes into each log directory on a clean shutdown and deletes on start-up. */
    static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    /** Longer than any start; the broker registers by itself once the old session ends, whatever happens here. */
    private static final long GIVE_UP_MS = 30_000;

    private final Admin admin;
    private final CompletableFuture<Boolean> removed;

    private DeadIncarnation(Admin admin, CompletableFuture<Boolean> removed) {
        this.admin = admin;
        this.removed = removed;
    }

    /** Whether the broker's last run on {@code storage} ended without a clean shutdown; ask before formatting and starting. */
    static boolean uncleanlyStopped(BrokerStorage storage) {
        return storage.isFormatted() && !Files.exists(storage.dir().resolve(CLEAN_SHUTDOWN_FILE));
    }

    /** Nothing to remove: the last run stopped cleanly, or there was none. */
    static DeadIncarnation none() {
        return new DeadIncarnation(null, CompletableFuture.completedFuture(false));
    }

    /** Starts removing the dead incarnation in the background; close once the server has started. */
    static DeadIncarnation remove(int controllerPort) {
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, "127.0.0.1:" + controllerPort,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) GIVE_UP_MS,
                AdminClientConfig.CLIENT_ID_CONFIG, "firebreak-embedded-dead-incarnation"));
        CompletableFuture<Boolean> removed = new CompletableFuture<>();
        admin.unregisterBroker(BrokerStorage.NODE_ID).all().whenComplete((ignored, failure) -> {
            if (failure == null) {
                LOG.info("event=kafka_dead_incarnation_unregistered node={}", BrokerStorage.NODE_ID);
                removed.complete(true);
            } else if (failure instanceof BrokerIdNotRegisteredException) {
                removed.complete(false);
            } else {
                // Not fatal: the broker then registers when the old session times out, as Kafka alone would.
                LOG.warn("event=kafka_dead_incarnation_kept node={} reason=\"{}\"", BrokerStorage.NODE_ID, failure.getMessage());
                removed.complete(false);
            }
        });
        return new DeadIncarnation(admin, removed);
    }

    /** Whether the dead broker's registration has been removed by now. */
    boolean removed() {
        return removed.getNow(false);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}

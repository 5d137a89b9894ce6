package io.firebreak.app.kafka;

import io.firebreak.schemas.kafka.OperatorProperties;
import io.firebreak.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin client, created only once the brokers accept firebreak's credentials. Kafka clients treat a refused
 * login as fatal for the call but keep reconnecting in the background, so without this check every client of a
 * misconfigured instance would log its own authentication error on each reconnect while nothing works.
 */
public final class KafkaAccess {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAccess.class);

    private KafkaAccess() {
    }

    /**
     * An admin client on {@code clientSettings}; {@link RefusedException} (one line, no stack trace) when the brokers
     * refuse its login or TLS handshake, or do not answer within {@code wait}: starting without them would only fail
     * later (creating topics) with a stack trace, after the clients had logged every reconnect. The client is closed
     * first, so nothing keeps retrying in the background.
     */
    public static Admin connect(Map<String, Object> clientSettings, Duration wait) throws InterruptedException {
        Map<String, String> shown = new HashMap<>();
        clientSettings.forEach((key, value) -> shown.put(key, String.valueOf(value)));
        LOG.info("event=kafka_clients settings={}", OperatorProperties.redacted(shown));
        Admin admin = Admin.create(clientSettings);
        try {
            admin.describeCluster().clusterId().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                admin.close(Duration.ZERO);
                throw new RefusedException("Kafka authentication failed for bootstrap.servers="
                        + clientSettings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " (" + refused.getMessage()
                        + "): check kafka.properties security.protocol, sasl.mechanism, sasl.jaas.config and ssl.*");
            }
            throw unreachable(admin, clientSettings, String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw unreachable(admin, clientSettings, "no answer within " + wait.toSeconds() + " s");
        }
        return admin;
    }

    private static RefusedException unreachable(Admin admin, Map<String, Object> clientSettings, String reason) {
        admin.close(Duration.ZERO);
        return new RefusedException("Kafka unreachable at bootstrap.servers=" + clientSettings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                + " (" + reason + "): check kafka.bootstrapServers and that the brokers run (kafka.startupTimeout waits for them)");
    }

    /** {@link RefusedException} when the Schema Registry does not answer (or refuses the credentials): every role needs it. */
    public static void requireRegistry(SchemaRegistryClient registry, Object urls) {
        try {
            registry.compatibility();
        } catch (RuntimeException e) {
            throw new RefusedException("Schema Registry unreachable at " + urls + " (" + e.getMessage()
                    + "): check kafka.schemaRegistryUrl / kafka.schemaRegistry");
        }
    }

    /** Start-up stops here: the message says what to fix, and a stack trace would only bury it. */
    public static final class RefusedException extends RuntimeException {

        RefusedException(String message) {
            super(message, null, false, false);
        }
    }
}

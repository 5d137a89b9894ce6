package io.firebreak.app.cli;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.embedded.EmbeddedCluster;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code standalone [--data-dir DIR] [--http-port N] [--admin-port N] [--kafka-port N] [config.yml]}: an
 * embedded KRaft broker and Schema Registry under the data dir, then every role, on 127.0.0.1. The user's
 * file (optional) is laid over the bundled {@code standalone.yml}.
 */
public final class StandaloneCommand extends FirebreakServerCommand {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneCommand.class);

    private static final String DATA_DIR = "dataDir";
    private static final String HTTP_PORT = "httpPort";
    private static final String ADMIN_PORT = "adminPort";
    private static final String KAFKA_PORT = "kafkaPort";
    private static final String REGISTRY_PORT = "registryPort";

    public StandaloneCommand(Application<FirebreakConfiguration> application) {
        super(application, "standalone", "Runs firebreak with an embedded Kafka broker and Schema Registry (no external services)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--data-dir").dest(DATA_DIR).setDefault("data").help("where the embedded broker keeps its data (default ./data)");
        subparser.addArgument("--http-port").dest(HTTP_PORT).type(Integer.class).setDefault(8080).help("application port (default 8080)");
        subparser.addArgument("--admin-port").dest(ADMIN_PORT).type(Integer.class).setDefault(8081).help("admin port (default 8081)");
        subparser.addArgument("--kafka-port").dest(KAFKA_PORT).type(Integer.class).setDefault(9092).help("embedded Kafka port (default 9092)");
        subparser.addArgument("--registry-port").dest(REGISTRY_PORT).type(Integer.class).setDefault(0)
                .help("embedded Schema Registry port (default 0: any free port)");
    }

    /** The embedded cluster, starting while the configuration is read (set by the first {@code run}). */
    private CompletableFuture<EmbeddedCluster> starting;

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new LayeredConfigurationSourceProvider("/standalone.yml"), new EnvironmentVariableSubstitutor(true)));
        Map<String, Object> attrs = new HashMap<>(namespace.getAttrs());
        attrs.putIfAbsent("file", null);
        if (attrs.get("file") == null) {
            attrs.put("file", LayeredConfigurationSourceProvider.BASE_ONLY);
        }
        // The broker needs only the command line, and after a kill -9 it spends seconds waiting out its own old
        // session: it starts now, while the configuration is parsed and validated, instead of after.
        Path dataDir = Path.of(namespace.getString(DATA_DIR)).toAbsolutePath();
        starting = CompletableFuture.supplyAsync(() -> EmbeddedCluster.start(dataDir, namespace.getInt(KAFKA_PORT), namespace.getInt(REGISTRY_PORT)),
                runnable -> new Thread(runnable, "embedded-cluster-start").start());
        try {
            super.run(bootstrap, new Namespace(attrs));
        } catch (Exception | Error e) {
            // waits for the start to finish: a broker stopped halfway through formatting its first data directory
            // could not start on it again
            EmbeddedCluster cluster = starting.handle((started, failure) -> started).join();
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
    }

    @Override
    protected void run(Bootstrap<FirebreakConfiguration> bootstrap, Namespace namespace, FirebreakConfiguration config) throws Exception {
        Path dataDir = Path.of(namespace.getString(DATA_DIR)).toAbsolutePath();
        int httpPort = namespace.getInt(HTTP_PORT);
        int adminPort = namespace.getInt(ADMIN_PORT);
        EmbeddedCluster cluster = started();
        List<String> dropped = config.kafka.useEmbedded(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
        if (!dropped.isEmpty()) {
            LOG.warn("event=standalone_ignores_kafka_security keys={} reason=\"the embedded broker and registry are plain on 127.0.0.1\"", dropped);
        }
        config.kafka.stateDir = dataDir.resolve("streams").toString();
        config.useEmbeddedCluster(cluster);
        bindToLoopback(config, httpPort, adminPort);
        config.publicUrl = "http://127.0.0.1:" + httpPort;
        String token = ensureIngestToken(config);
        super.run(bootstrap, namespace, config);
        printWelcome(httpPort, adminPort, cluster, token, dataDir);
    }

    /** The cluster the first {@code run} started, or its start-up failure as thrown by the start itself. */
    private EmbeddedCluster started() throws Exception {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static void bindToLoopback(FirebreakConfiguration config, int httpPort, int adminPort) {
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        HttpConnectorFactory app = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        app.setPort(httpPort);
        app.setBindHost("127.0.0.1");
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        admin.setPort(adminPort);
        admin.setBindHost("127.0.0.1");
    }

    /** The token is $FIREBREAK_INGEST_TOKEN (via the config) when set, else a fresh random one, printed once. */
    private static String ensureIngestToken(FirebreakConfiguration config) {
        List<String> tokens = config.ingest.effectiveTokens();
        if (!tokens.isEmpty()) {
            return null;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        config.ingest.tokens = List.of(token);
        return token;
    }

    private static void printWelcome(int httpPort, int adminPort, EmbeddedCluster cluster, String generatedToken, Path dataDir) {
        String token = generatedToken == null ? "(from your configuration / $FIREBREAK_INGEST_TOKEN)" : generatedToken;
        System.out.printf("""

                firebreak standalone is running
                  dashboard      http://127.0.0.1:%d/   (sign in with the token below)
                  ingest & API   http://127.0.0.1:%d/v1/alertmanager  (and /v1/incidents, /v1/slos)
                  metrics        http://127.0.0.1:%d/metrics
                  health         http://127.0.0.1:%d/healthcheck
                  kafka          %s
                  schema reg.    %s
                  data           %s
                  ingest token   %s   (every scope: send, act, read; docs/security.md for named ones)

                try it:          ./firebreak demo --token <ingest token>
                one machine:     Kafka runs inside this process, on one disk, without replicas. It survives a kill -9
                                 (docs/crash-safety.md), not a lost disk; for paging people run firebreak against a
                                 real Kafka cluster

                """, httpPort, httpPort, httpPort, adminPort, cluster.bootstrapServers(), cluster.schemaRegistryUrl(), dataDir, token);
    }
}

package io.firebreak.app;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.embedded.EmbeddedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A whole firebreak for an end-to-end test: the given config file, pointed at the test's broker and registry. */
final class TestApps {

    private TestApps() {
    }

    /**
     * Starts firebreak with {@code configResource} (a test resource, or an absolute path to a file the test wrote) against {@code cluster}, its streams state under {@code stateDir} and a
     * fresh application id (so it never resumes another test's streams), plus the test's own overrides.
     */
    static DropwizardTestSupport<FirebreakConfiguration> start(String configResource, EmbeddedCluster cluster, Path stateDir, String name,
                                                                ConfigOverride... overrides) throws Exception {
        return start(configResource, cluster.bootstrapServers(), cluster, stateDir, name, overrides);
    }

    /**
     * As above, its Kafka clients on {@code bootstrapServers} (e.g. the cluster's secured listener); overrides are a
     * set, so a second {@code kafka.bootstrapServers} among them would not reliably win.
     */
    static DropwizardTestSupport<FirebreakConfiguration> start(String configResource, String bootstrapServers, EmbeddedCluster cluster,
                                                                Path stateDir, String name, ConfigOverride... overrides) throws Exception {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("kafka.bootstrapServers", bootstrapServers),
                ConfigOverride.config("kafka.schemaRegistryUrl", cluster.schemaRegistryUrl()),
                ConfigOverride.config("kafka.stateDir", stateDir.toString()),
                ConfigOverride.config("kafka.applicationId", name + "-" + UUID.randomUUID())));
        all.addAll(List.of(overrides));
        DropwizardTestSupport<FirebreakConfiguration> app = new DropwizardTestSupport<>(FirebreakApplication.class,
                Path.of(configResource).isAbsolute() ? configResource : ResourceHelpers.resourceFilePath(configResource),
                all.toArray(ConfigOverride[]::new));
        app.before();
        return app;
    }
}

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
     * Starts firebreak with {@code configResource} against {@code cluster}, its streams state under {@code stateDir} and a
     * fresh application id (so it never resumes another test's streams), plus the test's own overrides.
     */
    static DropwizardTestSupport<FirebreakConfiguration> start(String configResource, EmbeddedCluster cluster, Path stateDir, String name,
                                                                ConfigOverride... overrides) throws Exception {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("kafka.bootstrapServers", cluster.bootstrapServers()),
                ConfigOverride.config("kafka.schemaRegistryUrl", cluster.schemaRegistryUrl()),
                ConfigOverride.config("kafka.stateDir", stateDir.toString()),
                ConfigOverride.config("kafka.applicationId", name + "-" + UUID.randomUUID())));
        all.addAll(List.of(overrides));
        DropwizardTestSupport<FirebreakConfiguration> app = new DropwizardTestSupport<>(FirebreakApplication.class,
                ResourceHelpers.resourceFilePath(configResource), all.toArray(ConfigOverride[]::new));
        app.before();
        return app;
    }
}

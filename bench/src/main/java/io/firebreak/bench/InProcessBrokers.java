package io.firebreak.bench;

import io.firebreak.embedded.EmbeddedCluster;
import java.nio.file.Path;

/** The embedded broker and registry in the benchmark's own JVM, as {@code ./firebreak standalone} runs them. */
final class InProcessBrokers implements Brokers {

    private final EmbeddedCluster cluster;

    InProcessBrokers(Path dataDir) {
        this.cluster = EmbeddedCluster.start(dataDir, 0, 0);
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return cluster.schemaRegistryUrl();
    }

    @Override
    public void close() {
        cluster.close();
    }
}

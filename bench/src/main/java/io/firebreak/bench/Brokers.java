package io.firebreak.bench;

import io.firebreak.embedded.EmbeddedCluster;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broker and schema registry a benchmark phase runs against: the embedded cluster in this JVM (the default, as
 * {@code ./firebreak standalone} runs it) or, with {@code -Dbench.brokerJvm=own}, in a JVM of its own
 * ({@link BrokerProcess}), so a phase shows what the pipeline does when the broker does not share the application's
 * JVM (its heap, GC and JIT threads), as in any deployment with an external Kafka.
 */
public interface Brokers extends AutoCloseable {

    String bootstrapServers();

    String schemaRegistryUrl();

    /** Starts a broker and registry keeping their data in {@code dataDir}, where {@code bench.brokerJvm} says. */
    static Brokers start(Path dataDir) throws Exception {
        String where = System.getProperty("bench.brokerJvm", "same");
        return switch (where) {
            case "same" -> new InProcessBrokers(dataDir);
            case "own" -> BrokerProcess.start(dataDir);
            default -> throw new IllegalArgumentException("bench.brokerJvm must be same or own, got " + where);
        };
    }

    /** Whether the broker runs in a JVM of its own, for the report. */
    static boolean ownJvm() {
        return "own".equals(System.getProperty("bench.brokerJvm", "same"));
    }

    /** Creates a topic with replication factor 1; an existing topic is left as it is. */
    default void createTopic(String name, int partitions) {
        EmbeddedCluster.createTopic(bootstrapServers(), name, partitions, Map.of());
    }

    @Override
    void close();
}

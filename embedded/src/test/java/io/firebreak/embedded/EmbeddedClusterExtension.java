package io.firebreak.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link EmbeddedCluster} parameter (constructor, lifecycle or test method). One cluster per
 * test JVM, because a broker start costs seconds: started on first use, kept in the root store (JUnit closes
 * AutoCloseable values there) and stopped, its data deleted, when the run ends. Tests share it, so they use
 * their own topic and subject names and never stop it or change the global compatibility level for good;
 * a test that needs Kafka down starts its own {@link EmbeddedKafka} or {@link EmbeddedCluster}.
 */
public final class EmbeddedClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedCluster.class, key -> SharedCluster.start(), SharedCluster.class)
                .cluster();
    }

    /** The shared cluster and its temporary data directory; closing it stops the cluster and deletes the data. */
    private record SharedCluster(EmbeddedCluster cluster, Path dataDir) implements AutoCloseable {

        static SharedCluster start() {
            try {
                Path dataDir = Files.createTempDirectory("firebreak-embedded-");
                return new SharedCluster(EmbeddedCluster.start(dataDir, 0, 0), dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data directory for the embedded cluster", e);
            }
        }

        @Override
        public void close() {
            cluster.stop();
            deleteRecursively(dataDir);
        }

        private static void deleteRecursively(Path dir) {
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // Leftovers in the temp directory are harmless; failing the run over them is not.
            }
        }
    }
}

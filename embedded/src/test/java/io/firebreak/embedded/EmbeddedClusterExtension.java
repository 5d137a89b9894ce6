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
 * a test that needs Kafka down starts its own {@link EmbeddedKafka} or {@link EmbeddedCluster}. A subclass may
 * give each test class a cluster of its own instead ({@link Scope#TEST_CLASS}).
 */
public class EmbeddedClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedClusterExtension.class);

    /** Who shares one cluster. */
    protected enum Scope {
        /** every test of the JVM */
        TEST_RUN,
        /** the tests of one class; stopped when the class is done (after its {@code @AfterAll}) */
        TEST_CLASS
    }

    private final Scope scope;

    public EmbeddedClusterExtension() {
        this(Scope.TEST_RUN);
    }

    protected EmbeddedClusterExtension(Scope scope) {
        this.scope = scope;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    /** The cluster of {@code context}'s scope, started on first use: for a subclass that starts more on top of it. */
    protected EmbeddedCluster cluster(ExtensionContext context) {
        ExtensionContext owner = scope == Scope.TEST_RUN ? context.getRoot() : classContext(context);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(owner.getUniqueId(), key -> SharedCluster.start(), SharedCluster.class)
                .cluster();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        return context.getTestClass().isPresent() && context.getTestMethod().isEmpty() ? context : context.getParent().orElse(context);
    }

    /** The cluster and its temporary data directory; closing it stops the cluster and deletes the data. */
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

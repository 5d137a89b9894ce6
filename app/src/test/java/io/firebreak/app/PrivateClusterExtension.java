package io.firebreak.app;

import io.firebreak.embedded.EmbeddedCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * An {@link EmbeddedCluster} of the test class's own. The app's end-to-end tests each run a whole firebreak, whose
 * streams read every topic from the beginning and whose notifiers share consumer groups by channel: on a broker
 * shared with another class they would correlate and page that class's alerts too. Stopped when the class is done
 * (after its {@code @AfterAll} stopped the app).
 */
final class PrivateClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PrivateClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
                ? context : context.getParent().orElse(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(classContext.getRequiredTestClass(), key -> start(), Started.class).cluster();
    }

    private static Started start() {
        try {
            Path dir = Files.createTempDirectory("firebreak-app-it-");
            return new Started(EmbeddedCluster.start(dir, 0, 0), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded cluster", e);
        }
    }

    private record Started(EmbeddedCluster cluster, Path dir) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            cluster.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}

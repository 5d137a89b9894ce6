package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The production jar carries what {@code server} and {@code standalone} run (the embedded broker and registry are
 * standalone's) and no test library: JUnit, AssertJ, Awaitility, mock servers and Testcontainers stay in the tests.
 */
class ProductionJarIT {

    private static final List<String> TEST_ONLY = List.of("org/junit/", "org/opentest4j/", "org/assertj/", "org/awaitility/",
            "mockwebserver3/", "okhttp3/mockwebserver", "org/testcontainers/", "io/firebreak/embedded/EmbeddedClusterExtension");

    @Test
    void theJarHoldsTheEmbeddedClusterForStandaloneAndNoTestLibrary() throws Exception {
        try (JarFile jar = new JarFile(StandaloneProcess.jar().toFile())) {
            List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();

            assertThat(entries).as("test classes in the production jar")
                    .noneMatch(entry -> TEST_ONLY.stream().anyMatch(entry::startsWith));
            assertThat(entries).as("standalone's embedded broker and registry")
                    .contains("io/firebreak/embedded/EmbeddedCluster.class", "io/firebreak/embedded/EmbeddedSchemaRegistry.class");
        }
    }
}

package io.firebreak.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.slo.config.SloDefinitions;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledPathTest {

    @Test
    void theBundledExampleSlosLoadWhateverTheWorkingDirectory() {
        Path bundled = BundledPath.resolve("classpath:examples/slos");

        assertThat(SloDefinitions.load(bundled)).extracting(slo -> slo.service())
                .contains("trade-engine", "risk-service", "postgres-main");
    }

    @Test
    void aFolderInsideAJarIsReadThroughTheJarsFileSystem(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("firebreak.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("examples/slos/"));
            out.putNextEntry(new JarEntry("examples/slos/one.yml"));
            out.write("name: one\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path folder = BundledPath.resolve("classpath:examples/slos", loader);

            assertThat(folder.toUri().getScheme()).isEqualTo("jar");
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(file -> file.getFileName().toString())).containsExactly("one.yml");
            }
            assertThat(BundledPath.resolve("classpath:/examples/slos", loader)).isEqualTo(folder);
        }
    }

    @Test
    void anyOtherValueIsAPathOnDiskAndAMissingBundleNamesItself() {
        assertThat(BundledPath.resolve("examples/slos")).isEqualTo(Path.of("examples/slos"));
        assertThatThrownBy(() -> BundledPath.resolve("classpath:nothing-here")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("classpath:nothing-here").hasMessageContaining("not bundled");
    }
}

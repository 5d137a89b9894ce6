package io.firebreak.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A configured path that may name a file or folder bundled in firebreak's jar: {@code classpath:examples/slos} is the jar's
 * {@code examples/slos/} folder (the example SLOs), anything else a path on disk, relative to the directory firebreak starts in.
 * The standalone defaults point into the jar, so {@code firebreak standalone} works from any directory.
 */
public final class BundledPath {

    public static final String PREFIX = "classpath:";

    private BundledPath() {
    }

    public static Path resolve(String configured) {
        return resolve(configured, BundledPath.class.getClassLoader());
    }

    static Path resolve(String configured, ClassLoader loader) {
        if (!configured.startsWith(PREFIX)) {
            return Path.of(configured);
        }
        String name = configured.substring(PREFIX.length()).replaceAll("^/+", "");
        URL url = loader.getResource(name);
        if (url == null) {
            throw new UncheckedIOException(new NoSuchFileException(configured, null, "not bundled in firebreak's jar"));
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                // a folder inside the jar is only a Path once the jar is open as a file system (kept open: read at start-up)
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // opened by an earlier call
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bundled resource with an unusable URL: " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open firebreak's jar to read " + configured, e);
        }
    }
}

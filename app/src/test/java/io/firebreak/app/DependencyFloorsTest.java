package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The dependency check of the build, offline: every dependency listed in {@code dependency-floors.txt} resolves to its
 * floor or newer. A published advisory becomes one line there; the pom's pin (e.g. {@code jetty.version}) satisfies it.
 */
class DependencyFloorsTest {

    record Floor(String group, String artifact, String version, String reason) {
    }

    @Test
    void everyPinnedDependencyIsAtOrAboveItsFloor() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Floor floor : floors()) {
            List<String> found = resolvedVersions(floor);
            if (found.isEmpty()) {
                violations.add(floor.group() + ":" + floor.artifact() + " not found on the classpath: the check cannot vouch for it");
            }
            for (String version : found) {
                if (compare(version, floor.version()) < 0) {
                    violations.add(floor.group() + ":" + floor.artifact() + " " + version + " < " + floor.version() + " (" + floor.reason() + ")");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void versionsCompareNumericallyNotAsText() {
        assertThat(compare("12.1.13", "12.1.12")).isPositive();
        assertThat(compare("12.1.5", "12.1.12")).isNegative();
        assertThat(compare("12.1.12", "12.1.12")).isZero();
        assertThat(compare("12.2.0.beta1", "12.1.12")).isPositive();
    }

    private static List<Floor> floors() throws IOException {
        try (InputStream in = DependencyFloorsTest.class.getResourceAsStream("/dependency-floors.txt")) {
            List<Floor> floors = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+", 3);
                String[] coordinates = parts[0].split(":");
                floors.add(new Floor(coordinates[0], coordinates[1], parts[1], parts.length > 2 ? parts[2] : ""));
            }
            assertThat(floors).as("floors listed").isNotEmpty();
            return floors;
        }
    }

    /** Every copy on the classpath (two jars of one artifact would both count). */
    private static List<String> resolvedVersions(Floor floor) throws IOException {
        String resource = "META-INF/maven/" + floor.group() + "/" + floor.artifact() + "/pom.properties";
        List<String> versions = new ArrayList<>();
        for (URL url : Collections.list(DependencyFloorsTest.class.getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                versions.add(properties.getProperty("version"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions;
    }

    /** Numeric by dot-separated part; a non-numeric suffix (beta1) counts as 0 for its part. */
    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? leadingNumber(left[i]) : 0;
            int r = i < right.length ? leadingNumber(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    private static int leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
    }
}

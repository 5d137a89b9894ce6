package io.firebreak.app;

import io.firebreak.embedded.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code firebreak standalone} as users run it: its own JVM from the built jar, with the embedded broker inside, on a
 * data directory that outlives the process, so a test can SIGKILL it and start it again on the same data.
 * {@code startedNanos} is {@link System#nanoTime()} just before the JVM was launched; {@code log} its output.
 * {@link #server} starts {@code firebreak server} instead, one of several instances on a broker of the test's.
 */
record StandaloneProcess(Process process, long startedNanos, Path log) implements AutoCloseable {

    /** The jar under test: {@code -Dfirebreak.jar=...} (e.g. an older build, to show a test fails on it), else this module's. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("firebreak.jar", "target/firebreak.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the failsafe tests run after `package`, which builds it");
        }
        return jar;
    }

    record Ports(int http, int admin, int kafka) {
        static Ports free() throws IOException {
            return new Ports(FreePort.pick(), FreePort.pick(), FreePort.pick());
        }
    }

    /**
     * Starts {@code standalone} on {@code dataDir} with {@code overlay} laid over the bundled configuration; output goes
     * to {@code log}. It runs in the log's directory, outside the repository, as a user's would: the bundled
     * configuration must need nothing from the working directory.
     */
    static StandaloneProcess start(Path dataDir, Ports ports, Path overlay, String token, Path log) throws IOException {
        return launch(List.of("standalone", "--data-dir", dataDir.toString(), "--http-port", String.valueOf(ports.http()),
                "--admin-port", String.valueOf(ports.admin()), "--kafka-port", String.valueOf(ports.kafka()), overlay.toString()),
                token, log);
    }

    /**
     * {@code firebreak server config} as a deployment runs it: its own JVM against the Kafka and registry the
     * configuration names (no embedded broker); output goes to {@code log}, in whose directory it runs.
     */
    static StandaloneProcess server(Path config, String token, Path log) throws IOException {
        return launch(List.of("server", config.toAbsolutePath().toString()), token, log);
    }

    private static StandaloneProcess launch(List<String> arguments, String token, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FIREBREAK_INGEST_TOKEN", token);
        long started = System.nanoTime();
        return new StandaloneProcess(builder.start(), started, log);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no leave-group, the embedded broker dies with it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM (Dropwizard's clean stop); returns how long it took, in ms. */
    long stop() throws InterruptedException {
        long begin = System.nanoTime();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return (System.nanoTime() - begin) / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

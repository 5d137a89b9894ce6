package io.firebreak.bench;

import io.firebreak.embedded.EmbeddedCluster;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The embedded broker and registry in a JVM of their own ({@code -Dbench.brokerJvm=own}). Once both listen, the child
 * writes {@code <bootstrap servers> <registry url>} to {@code <data dir>.ready} (atomically: its output is redirected to
 * {@code broker-<dir>.log} in the benchmark's output directory), and it stops cleanly when its standard input closes,
 * so it never outlives the benchmark.
 */
record BrokerProcess(Process process, String bootstrapServers, String schemaRegistryUrl) implements Brokers {

    private static final long START_SECONDS = 120;

    static BrokerProcess start(Path dataDir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of(System.getProperty("bench.outputDir", "target"), "broker-" + dataDir.getFileName() + ".log").toAbsolutePath();
        Path ready = dataDir.resolveSibling(dataDir.getFileName() + ".ready");
        Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", classpath(), Main.class.getName(), dataDir.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!ready.toFile().exists()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the broker JVM did not start (log: " + log + ")");
            }
            Thread.sleep(100); // a child process's file: nothing to await but its appearance
        }
        String[] line = Files.readString(ready).trim().split(" ");
        return new BrokerProcess(process, line[0], line[1]);
    }

    /** The benchmark's classpath: exec:java runs it in a class loader of its own, not on {@code java.class.path}. */
    private static String classpath() {
        if (BrokerProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(BrokerProcess::file).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a file on the classpath: " + url, e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the child stops cleanly when its input ends
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The child: the embedded cluster until standard input closes. */
    public static final class Main {

        private Main() {
        }

        public static void main(String[] args) throws IOException {
            try (EmbeddedCluster cluster = EmbeddedCluster.start(Path.of(args[0]), 0, 0)) {
                Path ready = Path.of(args[1]);
                Path written = ready.resolveSibling(ready.getFileName() + ".tmp");
                Files.writeString(written, cluster.bootstrapServers() + " " + cluster.schemaRegistryUrl() + "\n");
                Files.move(written, ready, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("READY " + cluster.bootstrapServers() + " " + cluster.schemaRegistryUrl());
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                while (in.readLine() != null) {
                    // nothing to do until the benchmark closes our input
                }
            }
            System.exit(0); // Kafka leaves non-daemon threads behind
        }
    }
}

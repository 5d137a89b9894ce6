package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive ({@code ./firebreak}, README "Quick start"): written by a run at its exit
 * under a name of its own, adopted by the next start only once it loads, dropped when stale or cut short. Runs a copy
 * of the launcher beside a link to the built jar, so the repository's own {@code app/target} is left alone.
 */
class LauncherIT {

    private Path root;
    private Path jar;
    private Path archive;

    @BeforeEach
    void copyTheLauncher(@TempDir Path dir) throws IOException {
        root = dir;
        Files.copy(Path.of("..", "firebreak").toAbsolutePath(), root.resolve("firebreak"));
        Files.createDirectories(root.resolve("app/target"));
        jar = Files.createSymbolicLink(root.resolve("app/target/firebreak.jar"), StandaloneProcess.jar());
        archive = root.resolve("app/target/firebreak.jsa");
    }

    @Test
    void aRunThatExitsWritesAnArchiveThatTheNextStartAdoptsAndMaps() throws Exception {
        // a server without its config exits at once, through System.exit: the JVM writes the archive at that exit
        Result first = launcher(List.of(), "server", root.resolve("missing.yml").toString());
        assertThat(first.exitCode()).isNotZero();
        List<Path> written = written();
        assertThat(written).as("an archive under the writing JVM's pid").hasSize(1);
        assertThat(archive).doesNotExist();

        Result second = launcher(List.of("-Xlog:class+load=info"), "--version");
        assertThat(second.exitCode()).isZero();
        assertThat(archive).as("adopted once its writer is gone and it loads").exists();
        assertThat(written()).isEmpty();
        assertThat(second.output()).contains("source: shared objects file (top)");
    }

    @Test
    void anArchiveCutShortIsDroppedAndTheStartGoesOnWithoutIt() throws Exception {
        Path full = writeArchive();
        Path cut = archive.resolveSibling("firebreak.jsa." + deadPid());
        byte[] bytes = Files.readAllBytes(full);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 4));
        Files.delete(full);

        Result start = launcher(List.of("-Xlog:class+load=info"), "--version");
        assertThat(start.exitCode()).isZero();
        assertThat(cut).doesNotExist();
        assertThat(archive).doesNotExist();
        assertThat(start.output()).doesNotContain("shared objects file (top)");
        assertThat(root).isDirectoryNotContaining("glob:**/hs_err_pid*");
    }

    @Test
    void anArchiveOlderThanTheJarIsDroppedAndNotMapped() throws Exception {
        Path written = writeArchive();
        Files.move(written, archive);
        Files.setLastModifiedTime(archive, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(60)));

        Result start = launcher(List.of("-Xlog:class+load=info"), "--version");
        assertThat(start.exitCode()).isZero();
        assertThat(archive).doesNotExist();
        assertThat(start.output()).doesNotContain("shared objects file (top)").doesNotContain("[warning]");
    }

    @Test
    void offMeansNoArchiveIsReadOrWritten() throws Exception {
        Result run = launcher(List.of(), Map.of("FIREBREAK_CDS", "off"), "server", root.resolve("missing.yml").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(written()).isEmpty();
        assertThat(archive).doesNotExist();
    }

    @Test
    void aMachineOfTwoCpusOrFewerRunsC1AloneUnlessToldOtherwise() throws Exception {
        // the launcher counts CPUs as the shell sees them (getconf), not as the JVM's container limit does
        Process getconf = new ProcessBuilder("getconf", "_NPROCESSORS_ONLN").start();
        int cpus = Integer.parseInt(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        int expected = cpus <= 2 ? 1 : 4;
        Result auto = launcher(List.of("-XX:+PrintFlagsFinal"), "--version");
        assertThat(flag(auto, "TieredStopAtLevel")).isEqualTo(expected);
        // C1 alone would shrink the code cache to 48 MiB, which the pipeline's code fills (bench/README.md, session 15)
        assertThat(flag(auto, "ReservedCodeCacheSize")).as("the code cache of tiered compilation").isEqualTo(240L << 20);
        assertThat(flag(launcher(List.of("-XX:+PrintFlagsFinal"), Map.of("FIREBREAK_JIT", "full"), "--version"), "TieredStopAtLevel"))
                .as("FIREBREAK_JIT=full keeps C2").isEqualTo(4);
    }

    private static long flag(Result run, String name) {
        assertThat(run.exitCode()).isZero();
        return run.output().lines().filter(line -> line.contains(" " + name + " ")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll(".*=\\s*(\\d+).*", "$1"))).orElseThrow();
    }

    /** An archive as a finished run leaves it, under the name of a JVM that is gone. */
    private Path writeArchive() throws Exception {
        Path target = archive.resolveSibling("firebreak.jsa." + deadPid());
        Process java = new ProcessBuilder(javaCommand(), "-XX:ArchiveClassesAtExit=" + target, "-Xlog:disable", "-jar", jar.toString(),
                "--version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(target).isNotEmptyFile();
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return target;
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        return gone.pid();
    }

    private List<Path> written() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("firebreak\\.jsa\\.\\d+")).toList();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result launcher(List<String> javaOptions, String... arguments) throws Exception {
        return launcher(javaOptions, Map.of(), arguments);
    }

    private Result launcher(List<String> javaOptions, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("firebreak").toString()));
        command.addAll(List.of(arguments));
        Path log = root.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FIREBREAK_REBUILD", "never");
        builder.environment().put("FIREBREAK_JAVA_OPTS", String.join(" ", javaOptions));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher returned").isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}

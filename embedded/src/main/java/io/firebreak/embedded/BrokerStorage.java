package io.firebreak.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's log directory. Formatted once with a fresh cluster id, which Kafka keeps in
 * {@code meta.properties}; a later start on the same directory skips formatting and so keeps every topic.
 */
final class BrokerStorage {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerStorage.class);

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CONTROLLER_PORT_FILE = "firebreak-controller-port";

    private final Path dir;
    private final List<String> scramArguments;

    BrokerStorage(Path dir) {
        this(dir, List.of());
    }

    /** @param scramArguments SCRAM users to create when formatting, as the format tool's {@code --add-scram} takes them */
    BrokerStorage(Path dir, List<String> scramArguments) {
        this.dir = dir.toAbsolutePath();
        this.scramArguments = List.copyOf(scramArguments);
    }

    Path dir() {
        return dir;
    }

    boolean isFormatted() {
        return Files.exists(dir.resolve("meta.properties"));
    }

    /** The controller port the last start used, if it is recorded and free now. */
    OptionalInt freeLastControllerPort() {
        try {
            int last = Integer.parseInt(Files.readString(dir.resolve(CONTROLLER_PORT_FILE)).trim());
            return FreePort.claimIfFree(last) ? OptionalInt.of(last) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Records the controller port of a start, for the next one ({@link #freeLastControllerPort}). */
    void rememberControllerPort(int port) {
        try {
            Files.writeString(dir.resolve(CONTROLLER_PORT_FILE), port + "\n");
        } catch (IOException e) {
            // only a hint: the next start then picks a new port, and may wait out a dead registration's session
            LOG.warn("event=kafka_controller_port_not_recorded dir={} reason=\"{}\"", dir, e.getMessage());
        }
    }

    /** Formats the directory unless a previous run already did. */
    void prepare() {
        try {
            Files.createDirectories(dir);
            if (isFormatted()) {
                return;
            }
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream())) // it prints "Formatting ..." to stdout
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setScramArguments(scramArguments)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}

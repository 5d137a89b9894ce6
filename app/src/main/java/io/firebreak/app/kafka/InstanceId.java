package io.firebreak.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's identity towards Kafka, the same after a crash and a restart: the ingest producer's
 * {@code transactional.id} and every consumer group's {@code group.instance.id} derive from it.
 *
 * <p>Why it must survive a restart: a restarted producer with the same {@code transactional.id} fences its dead
 * predecessor at {@code initTransactions()}, and the coordinator aborts the transaction the crash left open right
 * then, instead of leaving it to the transaction timeout (or, when the coordinator lost track of it, forever) while
 * read_committed readers wait behind it. A restarted consumer with the same {@code group.instance.id} takes its old
 * place in the group at once instead of waiting for the dead member's session to time out (45 s).
 *
 * <p>Why it must be unique: two live instances with one id fence each other's transactions and steal each other's
 * group membership. The id is kept in a file in the instance's state directory ({@code kafka.stateDir}, under the
 * data directory in standalone) and that directory is locked for the life of the process, so a second process on the
 * same directory fails at start-up instead of sharing the id. {@code kafka.instanceId} replaces the file's id where
 * the state directory does not survive a restart (e.g. a StatefulSet pod name).
 */
public final class InstanceId implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceId.class);
    static final String ID_FILE = "firebreak-instance-id";
    static final String LOCK_FILE = "firebreak-instance.lock";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final String value;
    /** The lock on the state directory's lock file; its channel ({@link FileLock#acquiredBy()}) is closed with it. */
    private final FileLock lock;

    private InstanceId(String value, FileLock lock) {
        this.value = value;
        this.lock = lock;
    }

    /**
     * Locks {@code stateDir} for this process and returns the configured id, else the one kept there (written on the
     * first start).
     *
     * @throws IllegalStateException another process (or another instance in this JVM) holds {@code stateDir}
     */
    public static InstanceId acquire(Path stateDir, Optional<String> configured) {
        configured.ifPresent(InstanceId::requireValid);
        Path dir = stateDir.toAbsolutePath();
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("kafka.stateDir " + dir + " is in use by another firebreak instance; "
                        + "each instance needs its own state directory (its Kafka identity lives there)");
            }
            String id = configured.isPresent() ? configured.get() : persisted(dir.resolve(ID_FILE));
            LOG.info("event=instance_id id={} source={} stateDir={}", id, configured.isPresent() ? "config" : "state_dir", dir);
            return new InstanceId(id, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot keep the instance id in " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM: a second instance in one process is just as wrong
        }
    }

    private static String persisted(Path file) throws IOException {
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            requireValid(id);
            return id;
        }
        String id = UUID.randomUUID().toString();
        // written whole or not at all: a crash during the first start must not leave a half-written id
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        try (FileChannel sync = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            sync.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    private static void requireValid(String id) {
        if (!VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("kafka.instanceId: '" + id + "' must be 1-100 characters of A-Z a-z 0-9 . _ -");
        }
    }

    public String value() {
        return value;
    }

    /** The ingest producer's {@code transactional.id}: per application (two deployments may share a Kafka) and instance. */
    public String ingestTransactionalId(String applicationId) {
        return applicationId + "-ingest-" + value;
    }

    /** {@code group.instance.id} for this instance's member of one consumer group ({@code purpose} names the group). */
    public String groupInstanceId(String purpose) {
        return value + "-" + purpose;
    }

    /** Releases the state directory (the id stays in it for the next start). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("event=instance_lock_release_failed message=\"{}\"", e.getMessage());
        } finally {
            closeQuietly(lock.acquiredBy());
        }
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the process is giving up the directory anyway
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

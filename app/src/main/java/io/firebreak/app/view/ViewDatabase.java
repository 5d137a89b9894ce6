package io.firebreak.app.view;

import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.common.utils.Utils;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The read model's RocksDB database under {@code kafka.stateDir/incident-view}: what the API serves and the heap must
 * not hold for the whole history (the incidents' signals, {@link SignalIndex}; incidents and postmortems,
 * {@link Archive}; delivery receipts, {@link ReceiptIndex}).
 * Its block cache and memtables come out of the process's one RocksDB bound ({@code kafka.rocksdb},
 * {@link BoundedRocksDbMemory}).
 *
 * <p>A copy of compacted topics the view reads from the beginning at every start: so the directory is emptied when
 * opened, written without a write-ahead log, and lost without harm in a crash. Each user owns the keys that start with
 * its byte ({@link #SIGNALS}, {@link #INCIDENTS}, {@link #POSTMORTEMS}, {@link #DELIVERIES}), one database rather than one per user so they share one set of
 * memtables and files. After {@link #close} every call is a no-op that finds nothing: API threads may still be reading
 * while the application stops.
 */
final class ViewDatabase implements AutoCloseable {

    /** First key byte of {@link SignalIndex}'s entries. */
    static final byte SIGNALS = 1;
    /** First key byte of the incidents' {@link Archive}. */
    static final byte INCIDENTS = 2;
    /** First key byte of the postmortems' {@link Archive}. */
    static final byte POSTMORTEMS = 3;
    /** First key byte of {@link ReceiptIndex}'s entries. */
    static final byte DELIVERIES = 4;
    /** No UTF-8 byte is 0xFF: the first key after every key of a {@link #prefix}. */
    private static final byte PAST_EVERY_UTF8 = (byte) 0xFF;

    /**
     * The database failed (a full or broken disk): unlike one unreadable record, it stops the view, whose health then
     * says so, rather than leave a hole in what the API serves.
     */
    static final class Failure extends IllegalStateException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A read over an iterator, which RocksDB may fail. */
    @FunctionalInterface
    interface Scan<T> {
        T read(RocksIterator iterator) throws RocksDBException;
    }

    private final RocksDB db;
    private final Options options;
    private final WriteOptions writes;
    /** Readers and writers share it; {@link #close} takes it alone, so nobody touches the native store after it. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private ViewDatabase(RocksDB db, Options options, WriteOptions writes) {
        this.db = db;
        this.options = options;
        this.writes = writes;
    }

    /** Opens an empty database in {@code dir} (whatever was there is deleted). */
    static ViewDatabase open(Path dir, BoundedRocksDbMemory.Sizes memory) {
        RocksDB.loadLibrary();
        Options options = new Options().setCreateIfMissing(true);
        WriteOptions writes = new WriteOptions().setDisableWAL(true);
        try {
            Utils.delete(dir.toFile());
            Files.createDirectories(dir);
            BoundedRocksDbMemory.configure(options, memory);
            return new ViewDatabase(RocksDB.open(options, dir.toString()), options, writes);
        } catch (IOException e) {
            options.close();
            writes.close();
            throw new UncheckedIOException("cannot prepare the incident view's database in " + dir, e);
        } catch (RocksDBException e) {
            options.close();
            writes.close();
            throw new IllegalStateException("cannot open the incident view's database in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The key's value; null when there is none, or after close. */
    byte[] get(byte[] key) {
        lock.readLock().lock();
        try {
            return closed ? null : db.get(key);
        } catch (RocksDBException e) {
            throw failed("read", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return false after close: nothing was written */
    boolean put(byte[] key, byte[] value) {
        lock.readLock().lock();
        try {
            if (closed) {
                return false;
            }
            db.put(writes, key, value);
            return true;
        } catch (RocksDBException e) {
            throw failed("write", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    void delete(byte[] key) {
        lock.readLock().lock();
        try {
            if (!closed) {
                db.delete(writes, key);
            }
        } catch (RocksDBException e) {
            throw failed("delete from", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Deletes the keys from {@code from} (inclusive) to {@code until} (exclusive). */
    private void deleteRange(byte[] from, byte[] until) {
        lock.readLock().lock();
        try {
            if (!closed) {
                db.deleteRange(writes, from, until);
            }
        } catch (RocksDBException e) {
            throw failed("delete from", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code scan} over a fresh iterator (positioned nowhere yet); {@code whenClosed} after close. */
    <T> T scan(Scan<T> scan, T whenClosed) {
        lock.readLock().lock();
        try (RocksIterator it = closed ? null : db.newIterator()) {
            if (it == null) {
                return whenClosed;
            }
            T result = scan.read(it);
            it.status();
            return result;
        } catch (RocksDBException e) {
            throw failed("read", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                db.close();
                writes.close();
                options.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The start of the keys of one incident's entries in a key space: its byte, the id's length (4 bytes) and its UTF-8
     * bytes, so one incident's entries are adjacent, and an id that extends another's never falls among them.
     */
    static byte[] prefix(byte space, String incidentId) {
        byte[] id = incidentId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Integer.BYTES + id.length).put(space).putInt(id.length).put(id).array();
    }

    /** The key of one entry of an incident: its {@link #prefix} and the entry's name, in UTF-8 (so in code point order). */
    static byte[] key(byte space, String incidentId, String name) {
        byte[] prefix = prefix(space, incidentId);
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(prefix, prefix.length + utf8.length);
        System.arraycopy(utf8, 0, key, prefix.length, utf8.length);
        return key;
    }

    /** The entry's name in a {@link #key}. */
    static String name(byte[] key, byte[] prefix) {
        return new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Deletes every key that starts with this {@link #prefix}. */
    void deletePrefix(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
        end[prefix.length] = PAST_EVERY_UTF8;
        deleteRange(prefix, end);
    }

    private static Failure failed(String what, RocksDBException e) {
        return new Failure("cannot " + what + " the incident view's database: " + e.getMessage(), e);
    }
}

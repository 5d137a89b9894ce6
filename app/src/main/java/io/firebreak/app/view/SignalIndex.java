package io.firebreak.app.view;

import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.kafka.BoundedRocksDbMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.common.utils.Utils;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Every incident's signals for {@code GET /v1/incidents/{id}/signals}, on disk (RocksDB) rather than on the heap: one
 * entry per alert a storm brought (about 1.5 KiB of heap each as objects), so held on the heap they grew the API's
 * live set with every distinct alert until closed incidents left the history, 90 days later (measured: 88 MB → 400 MB
 * after 200,000 alerts in standalone). RocksDB's memory comes out of the process's one RocksDB bound
 * ({@code kafka.rocksdb}, {@link BoundedRocksDbMemory}); the disk holds at most {@link #MAX_PER_INCIDENT} per incident.
 *
 * <p>A copy of {@code firebreak.incident-signals.v1}, which the view reads from the beginning at every start: so the
 * directory is emptied when opened, written without a write-ahead log, and lost without harm in a crash.
 *
 * <p>Key: the incident id's length (4 bytes), its UTF-8 bytes, then the fingerprint's: an incident's signals are
 * adjacent and in fingerprint order (byte order of UTF-8, which is code point order), so a page is one seek and a
 * scan. Value: the signal's status (one byte, for the status filter without decoding) and the record's value as read
 * from the topic.
 */
final class SignalIndex implements AutoCloseable {

    /**
     * Signals kept per incident: twice the largest storm the benchmarks drive into one incident. Beyond it new
     * fingerprints are counted, not kept (the incident's counts stay exact).
     */
    static final int MAX_PER_INCIDENT = 100_000;
    /** No UTF-8 byte is 0xFF: the first key after every key of an incident. */
    private static final byte PAST_EVERY_FINGERPRINT = (byte) 0xFF;
    private static final SignalStatus[] STATUSES = SignalStatus.values();

    /** One stored signal: its status and the topic record's value. */
    record Entry(SignalStatus status, byte[] value) {
    }

    /** One page: at most the limit's entries, and the fingerprint to continue after when there are more. */
    record Page(List<Entry> entries, Optional<String> next) {
    }

    private final RocksDB db;
    private final Options options;
    private final WriteOptions writes;
    /** Signals kept per incident, for the cap: the store is emptied at every open, so this count starts from zero too. */
    private final Map<String, Integer> kept = new ConcurrentHashMap<>();
    /** Readers and writers share it; {@link #close} takes it alone, so nobody touches the native store after it. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SignalIndex(RocksDB db, Options options, WriteOptions writes) {
        this.db = db;
        this.options = options;
        this.writes = writes;
    }

    /**
     * Opens an empty index in {@code dir} (whatever was there is deleted), its block cache and memtables charged to
     * the process's bounded RocksDB memory.
     */
    static SignalIndex open(Path dir, BoundedRocksDbMemory.Sizes memory) {
        RocksDB.loadLibrary();
        Options options = new Options().setCreateIfMissing(true);
        WriteOptions writes = new WriteOptions().setDisableWAL(true);
        try {
            Utils.delete(dir.toFile());
            Files.createDirectories(dir);
            BoundedRocksDbMemory.configure(options, memory);
            return new SignalIndex(RocksDB.open(options, dir.toString()), options, writes);
        } catch (IOException e) {
            options.close();
            writes.close();
            throw new UncheckedIOException("cannot prepare the incident view's signal index in " + dir, e);
        } catch (RocksDBException e) {
            options.close();
            writes.close();
            throw new IllegalStateException("cannot open the incident view's signal index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores the signal's latest record; a fingerprint new to an incident that holds {@link #MAX_PER_INCIDENT} already
     * is not kept.
     *
     * @return whether it was kept
     */
    boolean put(String incidentId, String fingerprint, SignalStatus status, byte[] value) {
        byte[] key = key(incidentId, fingerprint);
        lock.readLock().lock();
        try {
            if (closed) {
                return false;
            }
            if (db.get(key) == null) {
                if (kept.getOrDefault(incidentId, 0) >= MAX_PER_INCIDENT) {
                    return false;
                }
                kept.merge(incidentId, 1, Integer::sum); // one writer: the view's thread
            }
            byte[] stored = new byte[value.length + 1];
            stored[0] = (byte) status.ordinal(); // never null: the schema's status is an enum without null
            System.arraycopy(value, 0, stored, 1, value.length);
            db.put(writes, key, stored);
            return true;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write the incident view's signal index: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The incident's signals in fingerprint order after {@code after} (exclusive), those of {@code status} only when it
     * is given, at most {@code limit}.
     */
    Page page(String incidentId, Optional<SignalStatus> status, int limit, Optional<String> after) {
        byte[] prefix = prefix(incidentId);
        List<Entry> entries = new ArrayList<>(Math.min(limit, 1024));
        lock.readLock().lock();
        try (RocksIterator it = closed ? null : db.newIterator()) {
            if (it == null) {
                return new Page(List.of(), Optional.empty());
            }
            byte[] start = after.map(fingerprint -> key(incidentId, fingerprint)).orElse(prefix);
            it.seek(start);
            if (after.isPresent() && it.isValid() && Arrays.equals(it.key(), start)) {
                it.next(); // the cursor is the previous page's last signal
            }
            byte[] lastKey = null;
            for (; it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, prefix)) {
                    break;
                }
                byte[] stored = it.value();
                SignalStatus storedStatus = STATUSES[stored[0]];
                if (status.isPresent() && storedStatus != status.get()) {
                    continue;
                }
                if (entries.size() == limit) {
                    return new Page(entries, Optional.of(new String(lastKey, prefix.length, lastKey.length - prefix.length,
                            StandardCharsets.UTF_8)));
                }
                entries.add(new Entry(storedStatus, Arrays.copyOfRange(stored, 1, stored.length)));
                lastKey = key;
            }
            it.status();
            return new Page(entries, Optional.empty());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the incident view's signal index: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many signals of the incident are kept. */
    int kept(String incidentId) {
        return kept.getOrDefault(incidentId, 0);
    }

    /** The incident left the view: its signals go too. */
    void forget(String incidentId) {
        byte[] prefix = prefix(incidentId);
        byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
        end[prefix.length] = PAST_EVERY_FINGERPRINT;
        lock.readLock().lock();
        try {
            if (!closed) {
                db.deleteRange(writes, prefix, end);
                kept.remove(incidentId);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot delete from the incident view's signal index: " + e.getMessage(), e);
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

    private static byte[] prefix(String incidentId) {
        byte[] id = incidentId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + id.length).putInt(id.length).put(id).array();
    }

    private static byte[] key(String incidentId, String fingerprint) {
        byte[] prefix = prefix(incidentId);
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(prefix, prefix.length + fp.length);
        System.arraycopy(fp, 0, key, prefix.length, fp.length);
        return key;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}

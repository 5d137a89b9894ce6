package io.firebreak.streams.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many times a store written by another thread has changed, so a reader can keep what it read and read again only
 * after a change. A global store is written by Kafka Streams' global thread and read by every stream thread; the
 * writer counts after each write, so a reader that sees a new count also sees the write.
 */
public final class StoreVersion {

    private final AtomicLong changes = new AtomicLong();

    public void changed() {
        changes.incrementAndGet();
    }

    public long current() {
        return changes.get();
    }
}

package io.firebreak.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Unit-tier stand-in for the Kafka writer: records what the resources write, or fails like Kafka would. */
public final class RecordingSink implements EventSink {

    private final List<EventRecord<?>> written = new ArrayList<>();
    private Supplier<RuntimeException> failure;

    @Override
    public synchronized void write(List<? extends EventRecord<?>> records) {
        if (failure != null) {
            throw failure.get();
        }
        written.addAll(records);
    }

    public synchronized List<EventRecord<?>> written() {
        return List.copyOf(written);
    }

    public synchronized void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    public synchronized void reset() {
        written.clear();
        failure = null;
    }
}

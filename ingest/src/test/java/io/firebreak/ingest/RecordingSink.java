package io.firebreak.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

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

    /** The one event written, after checking that it went to {@code topic} under {@code key}: a resource's usual outcome. */
    public synchronized <V extends SpecificRecord> V onlyEvent(Topic<V> topic, String key) {
        assertThat(written).as("events written").hasSize(1);
        EventRecord<?> record = written.get(0);
        assertThat(record.topic()).isEqualTo(topic);
        assertThat(record.key()).isEqualTo(key);
        return topic.valueType().cast(record.value());
    }

    public synchronized void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    public synchronized void reset() {
        written.clear();
        failure = null;
    }
}

package io.firebreak.streams.correlation;

import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns one input topic's value into an {@link IncidentInput}, so the incident processor has one input type. */
public final class Wrap<V> implements Processor<String, V, String, IncidentInput> {

    private final Function<V, IncidentInput> wrap;
    private ProcessorContext<String, IncidentInput> context;

    public Wrap(Function<V, IncidentInput> wrap) {
        this.wrap = wrap;
    }

    @Override
    public void init(ProcessorContext<String, IncidentInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() != null) {
            context.forward(new Record<>(record.key(), wrap.apply(record.value()), record.timestamp()));
        }
    }
}

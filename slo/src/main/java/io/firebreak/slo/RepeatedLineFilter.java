package io.firebreak.slo;

import io.firebreak.events.LogRecord;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Passes on the log lines an SLO or a log alert rule may count, each once.
 *
 * <p>A line seen again (same {@link LogRecord#getId() id}: a shipper's retry after a timeout) is passed on once, if it
 * comes back within {@link #REPEAT_WINDOW} of the line's time: the ids of that window are kept in {@link #SEEN_STORE},
 * a window store whose old segments are dropped whole, so its size follows the log rate times the window. It is not
 * changelogged: after a move of the task, a repeat straddling the move counts twice, which costs less than a second
 * write per log line.
 */
final class RepeatedLineFilter extends ContextualProcessor<String, LogRecord, String, LogRecord> {

    static final String SEEN_STORE = "slo-log-ids";
    /** Long enough for Fluent Bit's and Vector's retries (seconds to minutes), short enough to stay small. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private final Predicate<String> wantedService;
    private WindowStore<String, Long> seen;

    /** @param wantedService whether any SLO or rule counts lines of a service; the others are dropped here */
    RepeatedLineFilter(Predicate<String> wantedService) {
        this.wantedService = wantedService;
    }

    static StoreBuilder<WindowStore<String, Long>> seenStore() {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_STORE, REPEAT_WINDOW, Duration.ofMillis(1), false),
                org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.Long()).withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<String, LogRecord> context) {
        super.init(context);
        seen = context.getStateStore(SEEN_STORE);
    }

    @Override
    public void process(Record<String, LogRecord> record) {
        LogRecord log = record.value();
        if (log == null || !wantedService.test(log.getService())) {
            return;
        }
        if (log.getId() != null) {
            long at = lineTime(record);
            if (seen.fetch(log.getId(), at) != null) {
                return;
            }
            seen.put(log.getId(), at, at);
        }
        context().forward(record);
    }

    /** The line's own time; the record's when the line had none. */
    static long lineTime(Record<String, LogRecord> record) {
        LogRecord log = record.value();
        return log.getAt() == null ? record.timestamp() : log.getAt().toEpochMilli();
    }
}

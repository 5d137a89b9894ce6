package io.firebreak.slo;

import io.firebreak.events.LogRecord;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Turns each log record into one event per log-sourced SLO of its service, re-keyed by SLO name. The input is keyed
 * by service, so every event of an SLO is seen by one task: no repartition is needed.
 *
 * <p>A line seen again (same {@link LogRecord#getId() id}: a shipper's retry after a timeout) counts once, if it comes
 * back within {@link #REPEAT_WINDOW} of the line's time: the ids of that window are kept in {@link #SEEN_STORE}, a
 * window store whose old segments are dropped whole, so its size follows the log rate times the window. It is not
 * changelogged: after a move of the task, a repeat straddling the move counts twice, which costs less than a second
 * write per log line.
 */
final class LogSliProcessor implements Processor<String, LogRecord, String, SliCount> {

    static final String SEEN_STORE = "slo-log-ids";
    /** Long enough for Fluent Bit's and Vector's retries (seconds to minutes), short enough to stay small. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    private final Map<String, List<SloDefinition>> byService = new HashMap<>();
    private ProcessorContext<String, SliCount> context;
    private WindowStore<String, Long> seen;

    LogSliProcessor(List<SloDefinition> slos) {
        for (SloDefinition slo : slos) {
            if (slo.source() instanceof SliSource.Logs) {
                byService.computeIfAbsent(slo.service(), service -> new ArrayList<>()).add(slo);
            }
        }
    }

    @Override
    public void init(ProcessorContext<String, SliCount> context) {
        this.context = context;
        this.seen = context.getStateStore(SEEN_STORE);
    }

    static StoreBuilder<WindowStore<String, Long>> seenStore() {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_STORE, REPEAT_WINDOW, Duration.ofMillis(1), false),
                org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.Long()).withLoggingDisabled();
    }

    @Override
    public void process(Record<String, LogRecord> record) {
        LogRecord log = record.value();
        if (log == null) {
            return;
        }
        long at = log.getAt() == null ? record.timestamp() : log.getAt().toEpochMilli();
        if (log.getId() != null && byService.containsKey(log.getService())) {
            if (seen.fetch(log.getId(), at) != null) {
                return;
            }
            seen.put(log.getId(), at, at);
        }
        for (SloDefinition slo : byService.getOrDefault(log.getService(), List.of())) {
            SliSource.Logs source = (SliSource.Logs) slo.source();
            SliClassifier.isGood(source.indicator(), log).ifPresent(good -> context.forward(
                    record.withKey(slo.name()).withValue(new SliCount(at, good ? 1 : 0, 1, Optional.ofNullable(log.getCluster())))));
        }
    }
}

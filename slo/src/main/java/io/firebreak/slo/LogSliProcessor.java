package io.firebreak.slo;

import io.firebreak.events.LogRecord;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns each log record into one event per log-sourced SLO of its service, re-keyed by SLO name. The input is keyed
 * by service, so every event of an SLO is seen by one task: no repartition is needed. Repeated lines were dropped
 * before ({@link RepeatedLineFilter}).
 */
final class LogSliProcessor extends ContextualProcessor<String, LogRecord, String, SliCount> {

    private final Map<String, List<SloDefinition>> byService = new HashMap<>();

    LogSliProcessor(List<SloDefinition> slos) {
        for (SloDefinition slo : slos) {
            if (slo.source() instanceof SliSource.Logs) {
                byService.computeIfAbsent(slo.service(), service -> new ArrayList<>()).add(slo);
            }
        }
    }

    @Override
    public void process(Record<String, LogRecord> record) {
        LogRecord log = record.value();
        if (log == null) {
            return;
        }
        long at = RepeatedLineFilter.lineTime(record);
        for (SloDefinition slo : byService.getOrDefault(log.getService(), List.of())) {
            SliSource.Logs source = (SliSource.Logs) slo.source();
            SliClassifier.isGood(source.indicator(), log).ifPresent(good -> context().forward(
                    record.withKey(slo.name()).withValue(new SliCount(at, good ? 1 : 0, 1, Optional.ofNullable(log.getCluster())))));
        }
    }
}

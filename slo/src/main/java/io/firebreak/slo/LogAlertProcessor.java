package io.firebreak.slo;

import io.firebreak.events.LogRecord;
import io.firebreak.events.Signal;
import io.firebreak.slo.logalerts.LogAlertRule;
import io.firebreak.slo.logalerts.LogAlertState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code logAlerts:} rules over the log lines: counts each rule's matching lines per cluster and service, writes one
 * firing Signal when a count reaches its threshold and the resolved one when the window falls below it.
 *
 * <p>Lines are keyed by service, so every line a count needs reaches this one task. Lines are bucketed by their own
 * time and the window is judged on the wall clock, like the SLO windows ({@link SloProcessor}): a service that stops
 * logging still resolves, and a replay of old lines does not fire. The state is changelogged with the Signals it
 * produced (exactly-once), so a restart neither repeats nor loses a page.
 */
final class LogAlertProcessor implements Processor<String, LogRecord, String, SpecificRecord> {

    /** The processor's name in {@link SloTopology}. */
    static final String NAME = "log-alerts";
    static final String STATE_STORE = "log-alert-state";
    private static final Logger LOG = LoggerFactory.getLogger(LogAlertProcessor.class);

    private final List<LogAlertRule> rules;
    private final Map<String, LogAlertRule> byName;
    private final Duration evaluateEvery;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, LogAlertState> states;

    LogAlertProcessor(List<LogAlertRule> rules, Duration evaluateEvery) {
        this.rules = List.copyOf(rules);
        this.byName = rules.stream().collect(Collectors.toMap(LogAlertRule::name, Function.identity()));
        this.evaluateEvery = evaluateEvery;
    }

    static StoreBuilder<KeyValueStore<String, LogAlertState>> stateStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                org.apache.kafka.common.serialization.Serdes.String(), JsonSerde.of(LogAlertState.class)).withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(STATE_STORE);
        context.schedule(evaluateEvery, PunctuationType.WALL_CLOCK_TIME, this::evaluateAll);
    }

    @Override
    public void process(Record<String, LogRecord> record) {
        LogRecord log = record.value();
        long at = RepeatedLineFilter.lineTime(record);
        long now = context.currentSystemTimeMs();
        String cluster = log.getCluster() == null || log.getCluster().isBlank() ? SloEvaluator.UNKNOWN_CLUSTER : log.getCluster();
        for (LogAlertRule rule : rules) {
            if (!rule.matches(log.getService(), field -> SliClassifier.text(log, field))) {
                continue;
            }
            String key = key(rule.name(), cluster, log.getService());
            LogAlertState state = states.get(key);
            LogAlertState.Step step = (state == null ? LogAlertState.quiet(rule, cluster, log.getService()) : state).counted(rule, at, now);
            states.put(key, step.next());
            step.change().ifPresent(change -> write(step.next(), change, Optional.of(rule), now));
        }
    }

    private void evaluateAll(long now) {
        List<KeyValue<String, LogAlertState>> all = new ArrayList<>();
        try (KeyValueIterator<String, LogAlertState> iterator = states.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, LogAlertState> entry : all) {
            LogAlertState state = entry.value;
            LogAlertRule rule = byName.get(state.rule());
            if (rule == null) {
                state.removed().ifPresent(change -> write(state, change, Optional.empty(), now));
                states.delete(entry.key);
                continue;
            }
            LogAlertState.Step step = state.evaluated(rule, now);
            step.change().ifPresent(change -> write(step.next(), change, Optional.of(rule), now));
            if (step.next().idle()) {
                states.delete(entry.key);
            } else if (!step.next().equals(state)) {
                states.put(entry.key, step.next());
            }
        }
    }

    private void write(LogAlertState state, LogAlertState.Change change, Optional<LogAlertRule> rule, long now) {
        Signal signal = LogAlertSignals.of(state, change, rule, now);
        LOG.info("event=log_alert rule={} service={} cluster={} status={} severity={} lines={}", state.rule(), state.service(),
                state.cluster(), signal.getStatus(), signal.getSeverity(), change.lines());
        context.forward(new Record<String, SpecificRecord>(state.cluster(), signal, now), SloTopology.SIGNALS_SINK);
    }

    /** One count per rule, cluster and service (NUL separates them: no name or label uses it). */
    private static String key(String rule, String cluster, String service) {
        return rule + '\u0000' + cluster + '\u0000' + service;
    }
}

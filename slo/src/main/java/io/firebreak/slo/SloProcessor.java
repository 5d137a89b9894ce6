package io.firebreak.slo;

import io.firebreak.events.BurnRate;
import io.firebreak.events.Signal;
import io.firebreak.slo.burn.WindowCounts;
import io.firebreak.slo.config.SloDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts SLI events into buckets and, on a wall-clock punctuator, evaluates every SLO this task holds.
 *
 * <p>Wall clock, not stream time: stream time only moves when records arrive, so a service that stops logging
 * would freeze its windows and its alerts. On the wall clock the windows keep sliding and every SLO is published
 * every {@code evaluateEvery}. Lateness is judged on the same clock: an event is counted until its minute bucket
 * has been closed for {@code grace}; a later one is dropped (and counted as dropped). An event stamped in the
 * future (producer clock skew) counts in the current bucket, so it cannot sit outside every window.
 */
final class SloProcessor implements Processor<String, SliCount, String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SloProcessor.class);

    private final SloSettings settings;
    private final Map<String, SloDefinition> slos;
    private final SloEvaluator evaluator;
    private final List<Duration> windows;
    private ProcessorContext<String, SpecificRecord> context;
    private SloBuckets buckets;
    private KeyValueStore<String, SloState> states;

    SloProcessor(SloSettings settings) {
        this.settings = settings;
        this.slos = settings.slos().stream().collect(Collectors.toMap(SloDefinition::name, Function.identity()));
        this.evaluator = new SloEvaluator(settings.alerts());
        this.windows = settings.alerts().windows();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.buckets = new SloBuckets(context.getStateStore(SloTopology.MINUTE_STORE), context.getStateStore(SloTopology.HOUR_STORE));
        this.states = context.getStateStore(SloTopology.STATE_STORE);
        context.schedule(settings.evaluateEvery(), PunctuationType.WALL_CLOCK_TIME, this::evaluateAll);
    }

    @Override
    public void process(Record<String, SliCount> record) {
        SloDefinition slo = slos.get(record.key());
        SliCount count = record.value();
        if (slo == null || count == null || count.total() == 0) {
            return;
        }
        long now = context.currentSystemTimeMs();
        long at = Math.min(count.at(), now);
        SloState state = states.get(slo.name());
        state = state == null ? SloState.EMPTY : state;
        if (SloBuckets.bucketOf(at, SloBuckets.MINUTE) + SloBuckets.MINUTE + settings.grace().toMillis() <= now) {
            LOG.debug("event=sli_event_dropped slo={} at={} now={} count={}", slo.name(), count.at(), now, count.total());
            states.put(slo.name(), state.dropped(count.total()));
            settings.observer().dropped(slo.name(), slo.service(), count.total());
            return;
        }
        buckets.add(slo.name(), at, new WindowCounts(count.good(), count.total()));
        states.put(slo.name(), state.counted(count.good(), count.total(), count.cluster()));
    }

    private void evaluateAll(long now) {
        for (SloDefinition slo : settings.slos()) {
            SloState state = states.get(slo.name());
            if (state == null) {
                continue; // this task holds no events of it (another task does, or none arrived yet)
            }
            SloEvaluator.Result result = evaluator.evaluate(slo, buckets.windows(slo.name(), now, windows),
                    buckets.period(slo.name(), now, slo.period()), state, now);
            states.put(slo.name(), result.next());
            BurnRate burn = result.burn();
            context.forward(new Record<String, SpecificRecord>(slo.name(), burn, now), SloTopology.BURN_SINK);
            for (Signal signal : result.signals()) {
                LOG.info("event=slo_burn_alert slo={} service={} cluster={} status={} severity={} summary=\"{}\"", slo.name(),
                        slo.service(), signal.getCluster(), signal.getStatus(), signal.getSeverity(), signal.getSummary());
                context.forward(new Record<String, SpecificRecord>(signal.getCluster(), signal, now), SloTopology.SIGNALS_SINK);
            }
        }
    }
}

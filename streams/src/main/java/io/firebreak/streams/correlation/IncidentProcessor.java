package io.firebreak.streams.correlation;

import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.lifecycle.Commands;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.routing.Router;
import io.firebreak.streams.state.StoreVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The incident lifecycle at the Kafka edge: consumes deduplicated signals, changes, RCA reports and
 * lifecycle commands of one cluster (all keyed by cluster, so one cluster's incidents live in one task),
 * keeps the incidents in state and emits every changed incident (key incident id) and its notifications.
 * This class opens the stores, wires the pieces and dispatches:
 * <ul>
 *   <li>{@link SignalCorrelation}: a signal to its incident (group, service graph or a new one);</li>
 *   <li>{@link EvidenceAttachment}: changes and RCA reports to the incidents they concern;</li>
 *   <li>{@link CommandHandler}: people's commands;</li>
 *   <li>{@link ReceiptHandler}: the notifiers' delivery receipts (a page is PAGED once its receiver accepted it);</li>
 *   <li>{@link IncidentUpdates}: the one path every change takes (enrich, route or release, store, emit);</li>
 *   <li>{@link WallClockTick}, {@link RetentionSweep} and the {@link UpdateThrottle}'s publication of held changes:
 *       the punctuations.</li>
 * </ul>
 * The decisions are Kafka-free: {@link IncidentDecider} (what an input does to an incident), built from
 * {@link Correlator} (signals), {@link Enricher} (suspects, burn, RCA), {@link Commands} (people's actions),
 * {@link StageMachine} (stages), {@link Router} (who hears what); {@link IncidentUpdates} carries them out.
 *
 * <p>Two clocks, on purpose:
 * <ul>
 *   <li>stream time for the retention sweep: deterministic, replays the same way under exactly_once_v2;</li>
 *   <li>wall-clock time ({@link #TICK}) for the enrichment deadline, automatic recovery, postmortem
 *       pickup and the escalation of pages nobody accepted: those must happen when no new record arrives (a quiet cluster after a storm has no stream
 *       time moving forward), so they cannot wait for the next record.</li>
 * </ul>
 */
public final class IncidentProcessor implements Processor<String, IncidentInput, String, SpecificRecord> {

    public static final Duration TICK = Duration.ofSeconds(1);
    /** How often open incidents' burn snapshots are compared with the burn table (wall clock). */
    public static final Duration BURN_REFRESH = Duration.ofSeconds(30);

    /** Names of the state stores this processor uses ({@code burn} and {@code postmortems} are global). */
    public record Stores(String groups, String incidents, String sequences, String signals, String changes, String reports,
                         String edges, String pending, String recovery, String awaitingPostmortem, String awaitingAcceptance,
                         String held, String burn, String postmortems, String maintenance) {
    }

    /** Count the changes of the global burn and maintenance stores, for the readers that keep what they read (see {@link GlobalLoader}). */
    public record GlobalVersions(StoreVersion burn, StoreVersion maintenance) {
    }

    /** Where the processor's records go: sink names of the incidents and incident-signals topics and of each channel. */
    public record Sinks(String incidents, String signals, Map<String, String> byChannel) {
        public Sinks {
            byChannel = Map.copyOf(byChannel);
        }
    }

    private final Stores names;
    private final GlobalVersions versions;
    private final CorrelationSettings settings;
    private final Router router;
    private final Sinks sinks;
    private SignalCorrelation signals;
    private EvidenceAttachment evidence;
    private CommandHandler commands;
    private ReceiptHandler receipts;

    public IncidentProcessor(Stores names, GlobalVersions versions, CorrelationSettings settings, Router router, Sinks sinks) {
        this.names = names;
        this.versions = versions;
        this.settings = settings;
        this.router = router;
        this.sinks = sinks;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        IncidentState state = new IncidentState(context.getStateStore(names.groups()), context.getStateStore(names.incidents()),
                context.getStateStore(names.sequences()), context.getStateStore(names.signals()));
        EnrichmentSources sources = new EnrichmentSources(context.getStateStore(names.changes()), context.getStateStore(names.reports()),
                context.getStateStore(names.edges()), context.getStateStore(names.burn()), versions.burn(),
                context.getStateStore(names.postmortems()), settings.services(), settings.window());
        Watches watches = new Watches(context.getStateStore(names.pending()), context.getStateStore(names.recovery()),
                context.getStateStore(names.awaitingPostmortem()), context.getStateStore(names.awaitingAcceptance()),
                settings.pendingTimeout());
        IncidentOutput output = new IncidentOutput(context, sinks.incidents(), sinks.signals(), sinks.byChannel());
        UpdateThrottle throttle = new UpdateThrottle(context.getStateStore(names.held()), settings.updateInterval());
        Correlator correlator = new Correlator();
        IncidentDecider decider = new IncidentDecider(settings, router, sources,
                new StoredMaintenanceWindows(context.getStateStore(names.maintenance()), versions.maintenance()));
        Enricher enricher = decider.enricher();
        IncidentUpdates updates = new IncidentUpdates(decider, state, watches, output, throttle, context::currentSystemTimeMs);
        RetentionSweep retention = new RetentionSweep(settings, correlator, state, sources, watches, output, throttle);
        WallClockTick tick = new WallClockTick(settings, decider, state, sources, watches, updates, BURN_REFRESH);

        signals = new SignalCorrelation(settings, decider, state, sources, watches, updates, retention,
                context::currentSystemTimeMs, context::currentStreamTimeMs);
        evidence = new EvidenceAttachment(enricher, state, sources, updates);
        commands = new CommandHandler(state, decider, updates);
        receipts = new ReceiptHandler(state, decider, updates);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME, retention::sweep);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, tick::tick);
        if (!settings.updateInterval().isZero()) {
            context.schedule(publishTick(settings.updateInterval()), PunctuationType.WALL_CLOCK_TIME,
                    wallNow -> throttle.due(wallNow).forEach(held -> updates.publishHeld(held, Instant.ofEpochMilli(wallNow))));
        }
    }

    /** How often held changes are checked: a quarter of the interval, so they go out at most that late. */
    static Duration publishTick(Duration updateInterval) {
        long quarter = updateInterval.toMillis() / 4;
        return Duration.ofMillis(Math.max(50, Math.min(250, quarter)));
    }

    @Override
    public void process(Record<String, IncidentInput> record) {
        // No catch here: an input a rule cannot handle goes to the processing exception handler
        // (DeadLetterProcessingHandler), which parks it on the dead-letter topic, counts it and logs it once, and the
        // cluster's incidents go on with the next input.
        IncidentInput input = record.value();
        if (input instanceof IncidentInput.SignalInput signal) {
            signals.onSignal(signal, record.timestamp());
        } else if (input instanceof IncidentInput.ChangeInput change) {
            evidence.onChange(change.change(), record.timestamp());
        } else if (input instanceof IncidentInput.RcaInput rca) {
            evidence.onRca(rca.report(), record.timestamp());
        } else if (input instanceof IncidentInput.CommandInput command) {
            commands.onCommand(command.command(), record.timestamp());
        } else if (input instanceof IncidentInput.ReceiptInput receipt) {
            receipts.onReceipt(receipt.receipt());
        }
    }
}

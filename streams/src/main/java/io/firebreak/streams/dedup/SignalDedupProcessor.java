package io.firebreak.streams.dedup;

import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.streams.correlation.IncidentInput;
import io.firebreak.streams.state.StoreScans;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops repeats of a signal before correlation (see {@link SignalDeduplicator}) and judges flapping (see
 * {@link FlapDetector}). State: cluster|fingerprint → what was last seen, and → recent flip times. A forwarded
 * signal's entry is written after the incident processor returned, naming the incident that took it: the entry is
 * also the signal's state in that incident ({@link IncidentInput.SignalInput}). Entries not seen for the retention
 * (in stream time) are swept unless their incident is still in the correlation's state, which bounds the store by
 * the alerts of the last retention period and the signals of open incidents; Alertmanager re-sends firing alerts
 * every repeat_interval (4 h by default), well inside the 24 h default.
 */
public final class SignalDedupProcessor implements Processor<String, Signal, String, IncidentInput> {

    private static final Logger LOG = LoggerFactory.getLogger(SignalDedupProcessor.class);

    private final String storeName;
    private final String flapStoreName;
    private final String incidentStoreName;
    private final Duration retention;
    private final Duration sweepInterval;
    private final FlapDetector flaps;
    private final SignalDeduplicator deduplicator = new SignalDeduplicator();
    private ProcessorContext<String, IncidentInput> context;
    private KeyValueStore<String, SignalRef> seen;
    private KeyValueStore<String, String> flipTimes;
    private KeyValueStore<String, ?> incidents;

    public SignalDedupProcessor(String storeName, String flapStoreName, String incidentStoreName, Duration retention,
                                Duration sweepInterval, FlapDetector flaps) {
        this.storeName = storeName;
        this.flapStoreName = flapStoreName;
        this.incidentStoreName = incidentStoreName;
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.flaps = flaps;
    }

    @Override
    public void init(ProcessorContext<String, IncidentInput> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        this.flipTimes = context.getStateStore(flapStoreName);
        this.incidents = context.getStateStore(incidentStoreName);
        // stream time, not wall clock: the sweep is deterministic and replays the same way under EOS
        context.schedule(sweepInterval, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        if (signal == null) {
            LOG.warn("event=signal_skipped reason=null_value key={}", record.key());
            return;
        }
        if (!signal.getCluster().equals(record.key())) {
            // correlation state is partitioned by cluster: a differently keyed signal may land in another task
            LOG.warn("event=signal_miskeyed key={} cluster={} fingerprint={}", record.key(), signal.getCluster(), signal.getFingerprint());
        }
        String key = signal.getCluster() + "|" + signal.getFingerprint();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        Optional<SignalRef> previous = Optional.ofNullable(seen.get(key));
        SignalDeduplicator.Decision decision = deduplicator.decide(previous, signal, at);
        boolean flapping = previous.map(SignalRef::getFlapping).orElse(false);
        if (decision.flipped()) {
            FlapDetector.Verdict verdict = flaps.flip(flipTimes.get(key), record.timestamp());
            flipTimes.put(key, verdict.remembered());
            if (verdict.flapping() && !flapping) {
                LOG.info("event=signal_flapping cluster={} fingerprint={}", signal.getCluster(), signal.getFingerprint());
            }
            flapping = flapping || verdict.flapping();
        }
        SignalRef remembered = decision.remembered();
        remembered.setFlapping(flapping);
        if (decision.forward()) {
            try {
                // forward runs the incident processor now, in this thread; it names the incident that took the signal
                context.forward(new Record<>(record.key(), new IncidentInput.SignalInput(signal, flapping, previous, remembered),
                        record.timestamp()));
            } finally {
                // also when correlation failed: the input is dead-lettered once, its resends are repeats
                seen.put(key, remembered);
            }
        } else {
            seen.put(key, remembered);
            LOG.debug("event=signal_deduplicated cluster={} fingerprint={} count={}",
                    signal.getCluster(), signal.getFingerprint(), remembered.getCount());
        }
    }

    private void sweep(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(retention);
        // an open incident keeps its signals' entries: a signal resolved long ago that fires again is a flip there.
        // One lookup per incident, not per entry: a storm's incident holds tens of thousands of them.
        Map<String, Boolean> inState = new HashMap<>();
        int expired = StoreScans.deleteWhere(seen, (key, ref) -> ref.getLastSeen().isBefore(cutoff)
                && (ref.getIncidentId() == null || !inState.computeIfAbsent(ref.getIncidentId(), id -> incidents.get(id) != null)));
        StoreScans.deleteWhere(flipTimes, (key, flips) -> flaps.stale(flips, streamTime));
        if (expired > 0) {
            LOG.info("event=dedup_swept removed={} cutoff={}", expired, cutoff);
        }
    }
}

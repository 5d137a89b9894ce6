package io.firebreak.streams.dedup;

import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.streams.correlation.IncidentInput;
import io.firebreak.streams.state.StoreScans;
import java.time.Duration;
import java.time.Instant;
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
 * {@link FlapDetector}). State: cluster|fingerprint → what was last seen, and → recent flip times. Entries
 * not seen for the retention (in stream time) are swept, which bounds the store by the alerts of the last
 * retention period; Alertmanager re-sends firing alerts every repeat_interval (4 h by default), well
 * inside the 24 h default.
 */
public final class SignalDedupProcessor implements Processor<String, Signal, String, IncidentInput> {

    private static final Logger LOG = LoggerFactory.getLogger(SignalDedupProcessor.class);

    private final String storeName;
    private final String flapStoreName;
    private final Duration retention;
    private final Duration sweepInterval;
    private final FlapDetector flaps;
    private final SignalDeduplicator deduplicator = new SignalDeduplicator();
    private ProcessorContext<String, IncidentInput> context;
    private KeyValueStore<String, SignalRef> seen;
    private KeyValueStore<String, String> flipTimes;

    public SignalDedupProcessor(String storeName, String flapStoreName, Duration retention, Duration sweepInterval, FlapDetector flaps) {
        this.storeName = storeName;
        this.flapStoreName = flapStoreName;
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.flaps = flaps;
    }

    @Override
    public void init(ProcessorContext<String, IncidentInput> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        this.flipTimes = context.getStateStore(flapStoreName);
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
        seen.put(key, remembered);
        if (decision.forward()) {
            context.forward(new Record<>(record.key(), new IncidentInput.SignalInput(signal, flapping), record.timestamp()));
        } else {
            LOG.debug("event=signal_deduplicated cluster={} fingerprint={} count={}",
                    signal.getCluster(), signal.getFingerprint(), remembered.getCount());
        }
    }

    private void sweep(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(retention);
        int expired = StoreScans.deleteWhere(seen, (key, ref) -> ref.getLastSeen().isBefore(cutoff));
        StoreScans.deleteWhere(flipTimes, (key, flips) -> flaps.stale(flips, streamTime));
        if (expired > 0) {
            LOG.info("event=dedup_swept removed={} cutoff={}", expired, cutoff);
        }
    }
}

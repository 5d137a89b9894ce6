package io.firebreak.streams.dedup;

import static io.firebreak.schemas.CoreTypes.severity;

import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.streams.correlation.SignalRefs;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Dedup by fingerprint (DESIGN §6.1). Alertmanager re-sends every firing alert on each group interval;
 * only a new fingerprint, a status flip (firing ⇄ resolved) or a severity rise goes on to correlation.
 * Repeats only bump the remembered count and lastSeen. This is also where flapping detection will count
 * flips.
 */
public final class SignalDeduplicator {

    public record Decision(boolean forward, SignalRef remembered) {
    }

    public Decision decide(Optional<SignalRef> previous, Signal signal, Instant at) {
        if (previous.isEmpty()) {
            // labels stay with the incident; the dedup entry only needs identity, status and timing
            SignalRef first = SignalRefs.first(signal, at);
            first.setLabels(Map.of());
            return new Decision(true, first);
        }
        SignalRef known = previous.get();
        boolean flipped = known.getStatus() != signal.getStatus();
        boolean severityRose = severity(signal.getSeverity()).isHigherThan(severity(known.getSeverity()));
        SignalRef.Builder next = SignalRef.newBuilder(known)
                .setCount(known.getCount() + 1)
                .setLastSeen(at.isAfter(known.getLastSeen()) ? at : known.getLastSeen());
        if (flipped) {
            next.setStatus(signal.getStatus()).setFlips(known.getFlips() + 1);
        }
        if (severityRose) {
            next.setSeverity(signal.getSeverity());
        }
        return new Decision(flipped || severityRose, next.build());
    }
}

package io.firebreak.streams.correlation;

import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import java.time.Instant;

/** How a received signal is remembered: one {@link SignalRef} per fingerprint. */
public final class SignalRefs {

    private SignalRefs() {
    }

    public static SignalRef first(Signal signal, Instant at) {
        return SignalRef.newBuilder()
                .setFingerprint(signal.getFingerprint())
                .setSource(signal.getSource())
                .setService(signal.getService())
                .setAlertName(signal.getAlertName())
                .setStatus(signal.getStatus())
                .setSeverity(signal.getSeverity())
                .setSummary(signal.getSummary())
                .setFlapping(false)
                .setFlips(0)
                .setCount(1)
                .setFirstSeen(at)
                .setLastSeen(at)
                // the signal's own map, which nothing changes after it was read: shared, so a storm copies no labels per alert
                .setLabels(signal.getLabels())
                .build();
    }

    /** A human name for log lines and timeline causes: the alert name, else the summary, else the fingerprint. */
    public static String name(Signal signal) {
        if (signal.getAlertName() != null && !signal.getAlertName().isBlank()) {
            return signal.getAlertName();
        }
        if (signal.getSummary() != null && !signal.getSummary().isBlank()) {
            return signal.getSummary();
        }
        return "signal " + signal.getFingerprint();
    }
}

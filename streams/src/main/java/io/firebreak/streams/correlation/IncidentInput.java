package io.firebreak.streams.correlation;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import java.util.Optional;

/**
 * Everything the incident processor consumes, keyed by cluster, handed over inside one sub-topology (never
 * serialized): a deduplicated signal (with its flapping verdict), a change, an RCA report, a command, a delivery receipt.
 */
public sealed interface IncidentInput {

    /**
     * A signal that got past dedup. {@code previous} is its dedup entry before this signal (empty the first time the
     * fingerprint is seen), {@code entry} the one after it, which the dedup processor stores once the incident
     * processor returned. The entry is also the signal's state in the incident it names ({@code incidentId}), so the
     * incident processor reads a signal's last state from {@code previous} and, taking the signal, names its incident
     * in {@code entry} — one store write per signal instead of two.
     */
    record SignalInput(Signal signal, boolean flapping, Optional<SignalRef> previous, SignalRef entry) implements IncidentInput {

        /** The incident took the signal: the stored entry now stands for its state there. */
        void takenBy(String incidentId) {
            entry.setIncidentId(incidentId);
        }
    }

    record ChangeInput(ChangeEvent change) implements IncidentInput {
    }

    record RcaInput(RcaReport report) implements IncidentInput {
    }

    record CommandInput(LifecycleCommand command) implements IncidentInput {
    }

    /** A notifier's receipt, read back from firebreak.deliveries.v1 (keyed by incident id, partitioned by cluster). */
    record ReceiptInput(DeliveryReceipt receipt) implements IncidentInput {
    }
}

package io.firebreak.streams.correlation;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;

/**
 * Everything the incident processor consumes, keyed by cluster, handed over inside one sub-topology (never
 * serialized): a deduplicated signal (with its flapping verdict), a change, an RCA report, a command, a delivery receipt.
 */
public sealed interface IncidentInput {

    record SignalInput(Signal signal, boolean flapping) implements IncidentInput {
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

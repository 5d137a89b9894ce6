package io.firebreak.streams.correlation;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import java.util.Optional;

/**
 * The notifiers' delivery receipts, read back from {@code firebreak.deliveries.v1} (issue 17): what a receipt means
 * for its incident is {@link io.firebreak.streams.lifecycle.Triggers}'. A receipt for an incident no longer in the
 * state (closed and swept) is nobody's news.
 */
record ReceiptHandler(IncidentState state, IncidentDecider decider, IncidentUpdates updates) {

    void onReceipt(DeliveryReceipt receipt) {
        Optional<Incident> incident = state.find(receipt.getIncidentId());
        if (incident.isPresent()) {
            decider.receipt(incident.get(), receipt).ifPresent(updates::apply);
        }
    }
}

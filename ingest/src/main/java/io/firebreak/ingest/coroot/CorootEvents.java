package io.firebreak.ingest.coroot;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Signal;
import java.util.Optional;

/** What one Coroot webhook becomes: a Signal (incident, alert) with its RCA when present, or a ChangeEvent (deployment). */
public record CorootEvents(Optional<Signal> signal, Optional<RcaReport> rca, Optional<ChangeEvent> change) {

    static CorootEvents of(Signal signal, Optional<RcaReport> rca) {
        return new CorootEvents(Optional.of(signal), rca, Optional.empty());
    }

    static CorootEvents of(ChangeEvent change) {
        return new CorootEvents(Optional.empty(), Optional.empty(), Optional.of(change));
    }

    /** The cluster every event of this webhook is keyed by. */
    public String cluster() {
        return signal.map(Signal::getCluster).or(() -> change.map(ChangeEvent::getCluster)).orElseThrow();
    }
}

package io.firebreak.ingest.core;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.Stage;
import java.util.Optional;

/**
 * Whether a lifecycle action still fits an incident's current state (DESIGN §5), so the API can answer 409 with the
 * reason instead of 202. The same rules as the topology's own check, which stays the authority: the read model
 * may lag a few hundred milliseconds, and the topology then records the rejection in the timeline.
 */
public final class CommandAdmission {

    private CommandAdmission() {
    }

    /** Why the action does not fit, or empty when it does. */
    public static Optional<String> rejection(Incident incident, LifecycleAction action) {
        Stage stage = incident.getStage();
        boolean over = incident.getClosed() || stage.compareTo(Stage.RECOVERED) >= 0;
        boolean closed = incident.getClosed() || stage == Stage.POSTMORTEM_PUBLISHED || incident.getResolvedAt() != null;
        if (closed && action != LifecycleAction.NOTE && action != LifecycleAction.ACTION_ITEM) {
            return Optional.of("incident " + incident.getId() + " is already resolved/closed (" + stage + ")");
        }
        // Notes and action items stay welcome after the end: the postmortem is republished with new action items (§10).
        return switch (action) {
            case ACK -> incident.getAcknowledgedAt() != null
                    ? Optional.of("incident " + incident.getId() + " was already acknowledged at " + incident.getAcknowledgedAt())
                    : over ? Optional.of("incident " + incident.getId() + " is " + stage + ", nothing to acknowledge") : Optional.empty();
            case MITIGATE -> incident.getMitigatedAt() != null || stage == Stage.MITIGATED
                    ? Optional.of("incident " + incident.getId() + " was already mitigated" + at(incident))
                    : over ? Optional.of("incident " + incident.getId() + " is already " + stage + ", too late to mitigate") : Optional.empty();
            case CONFIRM_RECOVERY -> over
                    ? Optional.of("incident " + incident.getId() + " is already " + stage) : Optional.empty();
            case RESOLVE, NOTE, ACTION_ITEM -> Optional.empty();
            case UNKNOWN -> Optional.of("unknown action");
        };
    }

    private static String at(Incident incident) {
        return incident.getMitigatedAt() == null ? "" : " at " + incident.getMitigatedAt();
    }
}

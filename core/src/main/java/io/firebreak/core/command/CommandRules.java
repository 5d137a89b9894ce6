package io.firebreak.core.command;

import io.firebreak.core.incident.Stage;
import java.util.Optional;

/**
 * Whether a command may apply to an incident, and why not (DESIGN §5: "commands that do not fit the state are rejected
 * with a clear reason"). The correlation topology decides for good and records a rejection in the timeline; ingest asks
 * the same rules first so the API can answer 400 or 409 with that reason instead of 202.
 */
public final class CommandRules {

    /** The most action items an incident keeps; its record size is bounded by it. */
    public static final int MAX_ACTION_ITEMS = 30;

    private CommandRules() {
    }

    /** Why the command may not apply to the incident as it stands, or empty when it may. */
    public static Optional<String> rejection(CommandFacts command, IncidentFacts incident) {
        return incomplete(command).or(() -> misfit(command.kind(), incident));
    }

    /**
     * What the command lacks whatever the incident's state, or empty: a note needs its text, an action item its
     * description. Ingest asks this before it looks the incident up.
     */
    public static Optional<String> incomplete(CommandFacts command) {
        if (command.hasNote()) {
            return Optional.empty();
        }
        return switch (command.kind()) {
            case NOTE -> Optional.of("a note needs text");
            case ACTION_ITEM -> Optional.of("an action item needs a description (note)");
            default -> Optional.empty();
        };
    }

    private static Optional<String> misfit(CommandKind kind, IncidentFacts incident) {
        Stage stage = incident.stage();
        boolean over = !incident.active();
        return switch (kind) {
            case ACK -> incident.acknowledgedAt().map(at -> "already acknowledged at " + at)
                    .or(() -> over ? reason("incident is " + stage + (incident.closed() ? " (closed)" : "") + ", nothing to acknowledge")
                            : Optional.empty());
            // a record that says MITIGATED without its time is still mitigated: the stage table has no MITIGATED -> MITIGATED
            case MITIGATE -> incident.mitigatedAt().map(at -> "already mitigated at " + at)
                    .or(() -> stage == Stage.MITIGATED ? reason("already mitigated") : Optional.empty())
                    .or(() -> over ? reason("incident is already " + stage + ", too late to mitigate") : Optional.empty());
            // a person's confirmation replaces the automatic check (DESIGN §5), even with a signal still firing
            case CONFIRM_RECOVERY -> over ? reason("incident is already " + stage) : Optional.empty();
            case RESOLVE -> incident.resolvedAt().isPresent() || incident.closed() || stage == Stage.POSTMORTEM_PUBLISHED
                    ? reason("incident is already resolved/closed (" + stage + ")") : Optional.empty();
            // notes and action items stay welcome after the end: the postmortem is republished with new action items (§10)
            case NOTE -> Optional.empty();
            case ACTION_ITEM -> incident.actionItems() >= MAX_ACTION_ITEMS
                    ? reason("the incident already has " + MAX_ACTION_ITEMS + " action items, the most it keeps") : Optional.empty();
            case UNKNOWN -> reason("unknown action " + kind + "; expected " + CommandKind.expected());
        };
    }

    private static Optional<String> reason(String text) {
        return Optional.of(text);
    }
}

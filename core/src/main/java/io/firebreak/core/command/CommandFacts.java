package io.firebreak.core.command;

import java.util.Objects;

/** What the command rules need to know of a command: its kind and whether it carries text. */
public record CommandFacts(CommandKind kind, boolean hasNote) {

    public CommandFacts {
        Objects.requireNonNull(kind, "kind");
    }

    /** @param note the command's note as it arrived, null when absent; blank counts as absent */
    public static CommandFacts of(CommandKind kind, String note) {
        return new CommandFacts(kind, note != null && !note.isBlank());
    }
}

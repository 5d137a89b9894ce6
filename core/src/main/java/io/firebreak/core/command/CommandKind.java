package io.firebreak.core.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a lifecycle command asks for. UNKNOWN stands for an action a newer writer knows and this reader does not; it
 * never applies. The Avro enum {@code LifecycleAction} has the same names.
 */
public enum CommandKind {
    ACK, MITIGATE, CONFIRM_RECOVERY, RESOLVE, NOTE, ACTION_ITEM, UNKNOWN;

    /** The name people use: {@code ack}, {@code confirm-recovery}, {@code action-item}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind a person's action name means, in any case, with {@code -} or {@code _} ({@code acknowledge} is ack);
     * empty for anything else, UNKNOWN included.
     */
    public static Optional<CommandKind> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String name = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (name.equals("acknowledge")) {
            return Optional.of(ACK);
        }
        return Arrays.stream(values()).filter(kind -> kind != UNKNOWN && kind.label().equals(name)).findFirst();
    }

    /** The kinds a person can ask for, by label: what to answer for a name {@link #fromLabel} does not know. */
    public static String expected() {
        return "ack, mitigate, confirm-recovery, resolve, note or action-item";
    }
}

package io.firebreak.core.incident;

import java.util.Locale;
import java.util.Map;

/** How bad an incident or signal is, lowest first (DESIGN §7): an incident's severity is the highest of its signals. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    private static final Map<String, Severity> BY_LABEL = Map.ofEntries(
            Map.entry("critical", CRITICAL), Map.entry("page", CRITICAL),
            Map.entry("high", HIGH), Map.entry("error", HIGH),
            Map.entry("medium", MEDIUM), Map.entry("warning", MEDIUM),
            Map.entry("low", LOW), Map.entry("info", LOW));

    /**
     * The severity a source's {@code severity} label means (DESIGN §7: also page, error, warning, info, any case);
     * an absent or unknown label is MEDIUM, so the signal is still correlated and routed rather than dropped.
     */
    public static Severity fromLabel(String label) {
        if (label == null) {
            return MEDIUM;
        }
        return BY_LABEL.getOrDefault(label.trim().toLowerCase(Locale.ROOT), MEDIUM);
    }

    public boolean isHigherThan(Severity other) {
        return compareTo(other) > 0;
    }
}

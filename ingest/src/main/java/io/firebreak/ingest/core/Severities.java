package io.firebreak.ingest.core;

import io.firebreak.events.Severity;
import java.util.Locale;
import java.util.Map;

/** The {@code severity} label → {@link Severity} (DESIGN §7); anything unknown is MEDIUM, never dropped. */
public final class Severities {

    private static final Map<String, Severity> BY_LABEL = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL), Map.entry("page", Severity.CRITICAL),
            Map.entry("high", Severity.HIGH), Map.entry("error", Severity.HIGH),
            Map.entry("medium", Severity.MEDIUM), Map.entry("warning", Severity.MEDIUM),
            Map.entry("low", Severity.LOW), Map.entry("info", Severity.LOW));

    private Severities() {
    }

    public static Severity fromLabel(String label) {
        if (label == null) {
            return Severity.MEDIUM;
        }
        return BY_LABEL.getOrDefault(label.trim().toLowerCase(Locale.ROOT), Severity.MEDIUM);
    }
}

package io.firebreak.streams.correlation;

import io.firebreak.events.Severity;

/** Severity order is the enum's (LOW first, DESIGN §7). */
public final class Severities {

    private Severities() {
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static boolean higher(Severity candidate, Severity than) {
        return candidate.compareTo(than) > 0;
    }
}

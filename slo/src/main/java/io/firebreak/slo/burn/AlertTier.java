package io.firebreak.slo.burn;

import java.time.Duration;

/** One row of the multiwindow table: fires when br(long) > burnRate AND br(short) > burnRate. */
public record AlertTier(String name, AlertKind kind, Duration longWindow, Duration shortWindow, double burnRate) {

    public AlertTier {
        if (shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException("tier " + name + ": short window must be shorter than the long window");
        }
        if (!(burnRate > 0)) {
            throw new IllegalArgumentException("tier " + name + ": burn rate must be positive");
        }
    }
}

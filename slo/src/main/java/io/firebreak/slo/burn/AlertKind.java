package io.firebreak.slo.burn;

import java.util.Locale;

/** The two burn alerts of an SLO (Sloth's page and ticket): each fires and resolves on its own. */
public enum AlertKind {
    PAGE, TICKET;

    /** {@code page} / {@code ticket}, as in {@code BurnRate.alert} and metric labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

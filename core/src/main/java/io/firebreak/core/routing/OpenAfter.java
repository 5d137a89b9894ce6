package io.firebreak.core.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * A route's paging threshold ({@code openAfter: {signals: 3, within: 5m}}): the route notifies only once this many
 * distinct signals of the incident fired within {@code within} of its latest change. Keep's "open an incident only
 * after N alerts", for noisy sources where one alert alone is not worth a page.
 */
public record OpenAfter(int signals, Duration within) {

    /**
     * An incident keeps a sample of this many signals, firing first; the threshold is counted on it, so it cannot ask
     * for more (the full list lives on the incident-signals topic, out of the correlation's reach).
     */
    public static final int MAX_SIGNALS = 20;

    public OpenAfter {
        Objects.requireNonNull(within, "within");
        if (signals < 1 || signals > MAX_SIGNALS) {
            throw new IllegalArgumentException("openAfter.signals must be 1-" + MAX_SIGNALS + ", got " + signals);
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("openAfter.within must be positive, got " + within);
        }
    }
}

package io.firebreak.slo.burn;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * The multiwindow, multi-burn-rate table (contract, P = 30d) and the minimum traffic below which the short
 * window counts as "no data": with a handful of requests one error is already a 14.4× burn at 99.99 %.
 */
public record AlertPolicy(List<AlertTier> tiers, long minShortWindowEvents) {

    public static final long DEFAULT_MIN_SHORT_WINDOW_EVENTS = 10;

    public AlertPolicy {
        tiers = List.copyOf(tiers);
        if (minShortWindowEvents < 1) {
            throw new IllegalArgumentException("minShortWindowEvents must be at least 1");
        }
    }

    /** 14.4× (1h ∧ 5m) and 6× (6h ∧ 30m) page; 3× (24h ∧ 2h) and 1× (3d ∧ 6h) ticket. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(List.of(
                new AlertTier("fast_page", AlertKind.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
                new AlertTier("slow_page", AlertKind.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
                new AlertTier("fast_ticket", AlertKind.TICKET, Duration.ofHours(24), Duration.ofHours(2), 3),
                new AlertTier("slow_ticket", AlertKind.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1)),
                DEFAULT_MIN_SHORT_WINDOW_EVENTS);
    }

    public AlertPolicy withMinShortWindowEvents(long min) {
        return new AlertPolicy(tiers, min);
    }

    /** The reported windows (5m, 30m, 1h, 2h, 6h, 24h, 3d) plus any other window a tier uses, shortest first. */
    public List<Duration> windows() {
        TreeSet<Duration> windows = new TreeSet<>(BurnMath.STANDARD_WINDOWS);
        tiers.forEach(tier -> {
            windows.add(tier.longWindow());
            windows.add(tier.shortWindow());
        });
        return List.copyOf(windows);
    }

    public Duration longestWindow() {
        return windows().get(windows().size() - 1);
    }
}

package io.firebreak.streams.enrich;

import io.firebreak.events.BurnSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changed between two burn snapshots of an incident, and whether it is worth telling anyone.
 * Burn rates move a little with every evaluation; a new incident version (and a dashboard refresh) is worth
 * it only when a rate moved by more than {@link #RELATIVE_CHANGE}, the budget by more than
 * {@link #BUDGET_CHANGE}, an SLO appeared or disappeared, or an alert level changed. People (the notified
 * receivers) hear only about the last two: news, not drift.
 */
public final class BurnChange {

    /** Rates that moved by more than 1 % (relative) are a change worth a new incident version. */
    public static final double RELATIVE_CHANGE = 0.01;
    /** So is a budget that moved by more than one percentage point. */
    public static final double BUDGET_CHANGE = 0.01;
    /** Rates this close to zero count as equal: 0.001x and 0.002x are both "not burning". */
    private static final double NEGLIGIBLE_RATE = 0.01;

    private BurnChange() {
    }

    /** Whether {@code after} differs from {@code before} enough for a new incident version. */
    public static boolean meaningful(List<BurnSnapshot> before, List<BurnSnapshot> after) {
        Map<String, BurnSnapshot> old = bySlo(before);
        Map<String, BurnSnapshot> now = bySlo(after);
        if (!old.keySet().equals(now.keySet())) {
            return true;
        }
        for (Map.Entry<String, BurnSnapshot> entry : now.entrySet()) {
            BurnSnapshot was = old.get(entry.getKey());
            BurnSnapshot is = entry.getValue();
            if (!Burn.alertLevel(was).equals(Burn.alertLevel(is))
                    || Math.abs(was.getBudgetRemaining() - is.getBudgetRemaining()) > BUDGET_CHANGE
                    || ratesMoved(was.getRates(), is.getRates())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the on-call should hear about, if anything: burn data for an SLO that had none, or an SLO whose
     * alert level changed, e.g. {@code SLO burn alert trade_latency: none -> page (5m 30.0x, 1h 20.0x, ...)}.
     */
    public static Optional<String> news(List<BurnSnapshot> before, List<BurnSnapshot> after) {
        Map<String, BurnSnapshot> old = bySlo(before);
        List<String> parts = new ArrayList<>();
        for (BurnSnapshot is : after) {
            BurnSnapshot was = old.get(is.getSlo());
            String line = Burn.summary(List.of(is)).orElse(is.getSlo());
            if (was == null) {
                parts.add("SLO burn data arrived: " + line);
            } else if (!Burn.alertLevel(was).equals(Burn.alertLevel(is))) {
                parts.add("SLO burn alert " + is.getSlo() + ": " + Burn.alertLevel(was) + " -> " + Burn.alertLevel(is) + " (" + line + ")");
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static boolean ratesMoved(Map<String, Double> was, Map<String, Double> is) {
        Set<String> windows = new HashSet<>(was.keySet());
        windows.addAll(is.keySet());
        for (String window : windows) {
            Double a = was.get(window);
            Double b = is.get(window);
            if (a == null || b == null) {
                return true;
            }
            double largest = Math.max(Math.abs(a), Math.abs(b));
            if (largest >= NEGLIGIBLE_RATE && Math.abs(a - b) > RELATIVE_CHANGE * largest) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, BurnSnapshot> bySlo(List<BurnSnapshot> snapshots) {
        Map<String, BurnSnapshot> map = new LinkedHashMap<>();
        snapshots.forEach(s -> map.put(s.getSlo(), s));
        return map;
    }
}

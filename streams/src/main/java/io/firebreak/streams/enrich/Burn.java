package io.firebreak.streams.enrich;

import io.firebreak.events.BurnRate;
import io.firebreak.events.BurnSnapshot;
import io.firebreak.events.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SLO burn for an incident (DESIGN §5 SLO_BURN_ANALYZED, §8): the burn rates of the SLOs of its services.
 * Recovery looks at the short window: back under {@link #RECOVERY_THRESHOLD} (budget spent no faster than
 * the SLO allows) means the users are fine again.
 */
public final class Burn {

    public static final String SHORT_WINDOW = "5m";
    public static final double RECOVERY_THRESHOLD = 1.0;

    private Burn() {
    }

    public static List<BurnSnapshot> snapshots(Incident incident, Iterable<BurnRate> all) {
        List<BurnSnapshot> snapshots = new ArrayList<>();
        for (BurnRate rate : all) {
            boolean sameCluster = rate.getCluster() == null || rate.getCluster().equals(incident.getCluster());
            if (sameCluster && incident.getServices().contains(rate.getService())) {
                snapshots.add(BurnSnapshot.newBuilder().setSlo(rate.getSlo()).setService(rate.getService())
                        .setRates(Map.copyOf(rate.getRates())).setBudgetRemaining(rate.getBudgetRemaining()).build());
            }
        }
        snapshots.sort(java.util.Comparator.comparing(BurnSnapshot::getSlo));
        return snapshots;
    }

    /** Every SLO of the incident's services burns under the threshold in the short window (no SLO: true). */
    public static boolean underThreshold(List<BurnSnapshot> snapshots) {
        return snapshots.stream().allMatch(s -> s.getRates().getOrDefault(SHORT_WINDOW, 0.0) < RECOVERY_THRESHOLD);
    }

    /**
     * The multiwindow alert level DESIGN §8 derives from the rates: {@code page} for 14.4x over 1h and 5m or
     * 6x over 6h and 30m, {@code ticket} for 3x over 24h and 2h or 1x over 3d and 6h, else {@code none}.
     * Derived from the snapshot (the incident keeps rates, not the SLO engine's alert field), so a change of
     * alert state can be seen by comparing two snapshots.
     */
    public static String alertLevel(BurnSnapshot snapshot) {
        Map<String, Double> r = snapshot.getRates();
        if (both(r, "1h", "5m", 14.4) || both(r, "6h", "30m", 6.0)) {
            return "page";
        }
        if (both(r, "24h", "2h", 3.0) || both(r, "3d", "6h", 1.0)) {
            return "ticket";
        }
        return "none";
    }

    private static boolean both(Map<String, Double> rates, String longWindow, String shortWindow, double threshold) {
        return rates.getOrDefault(longWindow, 0.0) >= threshold && rates.getOrDefault(shortWindow, 0.0) >= threshold;
    }

    /**
     * The cause of the SLO_BURN_ANALYZED stage: the analysis always runs when the first notifications go
     * out, and says what it found, burn or the absence of any SLO covering the incident's services.
     */
    public static String analysis(List<BurnSnapshot> snapshots, List<String> services) {
        return summary(snapshots).map(s -> "burn analysed: " + s)
                .orElse("no SLO burn data for " + String.join(", ", services));
    }

    /** One line for a notification, e.g. {@code trade_execution_latency: 5m 30.2x, 1h 21.0x, budget 62% left}. */
    public static Optional<String> summary(List<BurnSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (BurnSnapshot s : snapshots) {
            List<String> rates = new ArrayList<>();
            for (String window : List.of("5m", "1h", "6h")) {
                Double rate = s.getRates().get(window);
                if (rate != null) {
                    rates.add(window + " " + String.format(Locale.ROOT, "%.1fx", rate));
                }
            }
            parts.add(s.getSlo() + ": " + String.join(", ", rates)
                    + String.format(Locale.ROOT, ", budget %.0f%% left", s.getBudgetRemaining() * 100));
        }
        return Optional.of(String.join("; ", parts));
    }
}

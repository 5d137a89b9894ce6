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

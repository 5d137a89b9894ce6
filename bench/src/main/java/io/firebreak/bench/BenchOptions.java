package io.firebreak.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the benchmark runs, bounded in count and time; every value can be set with {@code -Dbench.<name>=...}.
 * The defaults keep one run under about two minutes on two cores.
 */
public record BenchOptions(
        int rawRecords, int recordBytes, int maxInFlight, int rawTransactions, int recordsPerTransaction, Duration rawTimeLimit,
        int clients, int ingestRequests, int warmupRequests, Duration ingestTimeLimit,
        int e2eRatePerSecond, Duration e2eDuration,
        int stormAlerts, int stormFingerprints, int stormServices, int stormCriticalServices, Duration stormTimeLimit,
        int partitions, Set<String> phases) {

    /**
     * Every phase, in the order they run; {@code restart} and the storm-scale phases ({@code sustained},
     * {@code onegroup}, {@code throughput}: minutes each at issue 11's sizes) only when asked for with
     * {@code -Dbench.phases=...}.
     */
    public static final List<String> ALL_PHASES = List.of("raw", "e2e0", "storm", "restart", "e2e5", "sustained", "onegroup", "throughput", "floor", "ingest");
    public static final List<String> DEFAULT_PHASES = List.of("raw", "e2e0", "storm", "e2e5", "ingest");

    public boolean runs(String phase) {
        return phases.contains(phase);
    }

    public static BenchOptions fromSystemProperties() {
        Set<String> phases = Set.copyOf(Arrays.asList(System.getProperty("bench.phases", String.join(",", DEFAULT_PHASES)).split(",")));
        if (!ALL_PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("unknown phase in -Dbench.phases=" + phases + "; known: " + ALL_PHASES);
        }
        return new BenchOptions(
                intProp("rawRecords", 20_000), intProp("recordBytes", 1024), intProp("maxInFlight", 1_000), intProp("rawTransactions", 2_000),
                intProp("recordsPerTransaction", 2), Duration.ofSeconds(intProp("rawSeconds", 6)),
                intProp("clients", 8), intProp("ingestRequests", 4_000), intProp("warmupRequests", 300),
                Duration.ofSeconds(intProp("ingestSeconds", 10)),
                intProp("e2eRate", 20), Duration.ofSeconds(intProp("e2eSeconds", 10)),
                intProp("stormAlerts", 5_000), intProp("stormFingerprints", 50), intProp("stormServices", 5),
                intProp("stormCriticalServices", 3), Duration.ofSeconds(intProp("stormSeconds", 40)),
                intProp("partitions", 2),
                phases);
    }

    private static int intProp(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(fallback)));
    }
}

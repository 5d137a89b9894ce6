package io.firebreak.bench;

import java.time.Duration;

/**
 * What the benchmark runs, bounded in count and time; every value can be set with {@code -Dbench.<name>=...}.
 * The defaults keep one run under about two minutes on two cores.
 */
public record BenchOptions(
        int rawRecords, int recordBytes, int rawTransactions, int recordsPerTransaction, Duration rawTimeLimit,
        int clients, int ingestRequests, int warmupRequests, Duration ingestTimeLimit,
        int e2eRatePerSecond, Duration e2eDuration, boolean e2eWithDefaultWait,
        int stormAlerts, int stormFingerprints, int stormServices, int stormCriticalServices, Duration stormTimeLimit,
        int partitions) {

    public static BenchOptions fromSystemProperties() {
        return new BenchOptions(
                intProp("rawRecords", 20_000), intProp("recordBytes", 1024), intProp("rawTransactions", 2_000),
                intProp("recordsPerTransaction", 2), Duration.ofSeconds(intProp("rawSeconds", 10)),
                intProp("clients", 8), intProp("ingestRequests", 4_000), intProp("warmupRequests", 300),
                Duration.ofSeconds(intProp("ingestSeconds", 15)),
                intProp("e2eRate", 20), Duration.ofSeconds(intProp("e2eSeconds", 15)),
                Boolean.parseBoolean(System.getProperty("bench.e2eDefaultWait", "true")),
                intProp("stormAlerts", 5_000), intProp("stormFingerprints", 50), intProp("stormServices", 5),
                intProp("stormCriticalServices", 3), Duration.ofSeconds(intProp("stormSeconds", 40)),
                intProp("partitions", 2));
    }

    private static int intProp(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(fallback)));
    }
}

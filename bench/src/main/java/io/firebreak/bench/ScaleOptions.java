package io.firebreak.bench;

import java.time.Duration;

/**
 * Bounds of the storm-scale phases ({@code sustained}, {@code onegroup}, {@code throughput}); every value can be set
 * with {@code -Dbench.<name>=...}. The defaults are the sizes of issue 11; every wait has a time limit, so a pipeline
 * that falls behind or stops is reported, never waited for without end.
 */
public record ScaleOptions(
        int sustainedRate, Duration sustainedDuration, int sustainedClusters, int sustainedServices, int sustainedBatch,
        int probeRate, Duration probeWait, int maxInFlight,
        int onegroupAlerts, int onegroupBatch, Duration onegroupTimeLimit, Duration onegroupDrainLimit,
        int throughputAlerts, int throughputBatch, int throughputClusters, int throughputServices, Duration throughputTimeLimit,
        Duration throughputDrainLimit, Duration scanLimit) {

    public static ScaleOptions fromSystemProperties() {
        return new ScaleOptions(
                intProp("sustainedRate", 1_000), seconds("sustainedSeconds", 60), intProp("sustainedClusters", 20),
                intProp("sustainedServices", 10), intProp("sustainedBatch", 10),
                intProp("probeRate", 5), seconds("probeWaitSeconds", 10), intProp("openLoopInFlight", 512),
                intProp("onegroupAlerts", 50_000), intProp("onegroupBatch", 100), seconds("onegroupSeconds", 300),
                seconds("onegroupDrainSeconds", 180),
                intProp("throughputAlerts", 100_000), intProp("throughputBatch", 100), intProp("throughputClusters", 20),
                intProp("throughputServices", 10), seconds("throughputSeconds", 300), seconds("throughputDrainSeconds", 180),
                seconds("scanSeconds", 60));
    }

    private static Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(intProp(name, fallback));
    }

    private static int intProp(String name, int fallback) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(fallback)));
    }
}

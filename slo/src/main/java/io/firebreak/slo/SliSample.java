package io.firebreak.slo;

/**
 * Aggregated good/total counts of one Prometheus-sourced SLO over one poll interval ending at {@code at}
 * (epoch millis). Travels on the engine's internal topic {@link SloTopology#SAMPLES_TOPIC}, key = SLO name.
 */
public record SliSample(String slo, long at, long good, long total) {

    public SliSample {
        if (good < 0 || total < good) {
            throw new IllegalArgumentException("need 0 <= good <= total for " + slo + ", got good=" + good + " total=" + total);
        }
    }

    public static org.apache.kafka.common.serialization.Serde<SliSample> serde() {
        return JsonSerde.of(SliSample.class);
    }
}

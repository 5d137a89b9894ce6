package io.firebreak.slo;

/**
 * Told about events the engine could not count, for the {@code slo_sli_events_total{result="dropped"}} counter
 * ({@link SloMetrics} implements it). Good and bad counts travel in {@code BurnRate} instead, so they survive restarts.
 */
@FunctionalInterface
public interface SliEventObserver {

    SliEventObserver NONE = (slo, service, count) -> { };

    /** {@code count} events of {@code slo} arrived after their bucket's grace period and were not counted. */
    void dropped(String slo, String service, long count);
}

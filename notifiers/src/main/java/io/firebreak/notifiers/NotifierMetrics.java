package io.firebreak.notifiers;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One channel's share of the notifier series ({@link Families}), its {@code channel} label bound once: sent (delivered
 * or logged) and dlq (dead-lettered) notifications, failed attempts, retries scheduled, poison (unreadable records,
 * dead-lettered raw), latency (one attempt) and lag (records behind).
 */
public final class NotifierMetrics {

    final CounterDataPoint sent;
    final CounterDataPoint failed;
    final CounterDataPoint retried;
    final CounterDataPoint dlq;
    final CounterDataPoint poison;
    final DistributionDataPoint latency;

    public NotifierMetrics(Families families, String channel, LongSupplier lag) {
        this(families, channel);
        // a restarted service replaces its predecessor's lag instead of reporting the stopped consumer's
        families.lag.put(channel, lag);
    }

    /** The channel's counters without taking over its lag: what a reader of the counts needs. */
    NotifierMetrics(Families families, String channel) {
        this.sent = families.notifications.labelValues(channel, "delivered");
        this.dlq = families.notifications.labelValues(channel, "dead_lettered");
        this.failed = families.failedAttempts.labelValues(channel);
        this.retried = families.retries.labelValues(channel);
        this.poison = families.unreadable.labelValues(channel);
        this.latency = families.attemptDuration.labelValues(channel);
    }

    /**
     * The notifier series on {@code /metrics}, registered once per registry, the channel a label so one query covers
     * every channel:
     * <ul>
     *   <li>{@code firebreak_notifier_notifications_total{channel, outcome="delivered|dead_lettered"}};</li>
     *   <li>{@code firebreak_notifier_failed_attempts_total{channel}}, {@code firebreak_notifier_retries_total{channel}};</li>
     *   <li>{@code firebreak_notifier_unreadable_records_total{channel}} (also counted as dead_lettered);</li>
     *   <li>the histogram {@code firebreak_notifier_attempt_duration_seconds{channel}} (one call to the receiver);</li>
     *   <li>{@code firebreak_notifier_lag_records{channel}}: notifications waiting in the channel's topic.</li>
     * </ul>
     */
    public static final class Families {

        /** A receiver answers in milliseconds to seconds; the outbound deadline ends an attempt at tens of seconds. */
        private static final double[] ATTEMPT_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

        private final Counter notifications;
        private final Counter failedAttempts;
        private final Counter retries;
        private final Counter unreadable;
        private final Histogram attemptDuration;
        private final Map<String, LongSupplier> lag = new ConcurrentHashMap<>();

        public Families(PrometheusRegistry registry) {
            this.notifications = Counter.builder().name("firebreak_notifier_notifications_total")
                    .help("Notifications a channel finished with: delivered (or logged) or dead-lettered").labelNames("channel", "outcome")
                    .register(registry);
            this.failedAttempts = Counter.builder().name("firebreak_notifier_failed_attempts_total")
                    .help("Delivery attempts that failed (retried or dead-lettered afterwards)").labelNames("channel").register(registry);
            this.retries = Counter.builder().name("firebreak_notifier_retries_total")
                    .help("Retries scheduled after a failed attempt").labelNames("channel").register(registry);
            this.unreadable = Counter.builder().name("firebreak_notifier_unreadable_records_total")
                    .help("Records of the channel's topic that could not be read, dead-lettered as they were").labelNames("channel")
                    .register(registry);
            this.attemptDuration = Histogram.builder().name("firebreak_notifier_attempt_duration_seconds").unit(Unit.SECONDS)
                    .help("Time of one delivery attempt to the receiver").labelNames("channel")
                    .classicUpperBounds(ATTEMPT_BUCKETS).classicOnly().register(registry);
            GaugeWithCallback.builder().name("firebreak_notifier_lag_records")
                    .help("Notifications in the channel's topic not yet delivered").labelNames("channel")
                    .callback(callback -> lag.forEach((channel, records) -> callback.call(records.getAsLong(), channel)))
                    .register(registry);
        }
    }
}

package io.firebreak.app.metrics;

import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Locale;

/**
 * The records a streams application ({@code correlation}, {@code slo}) could not handle, next to its
 * {@code firebreak_streams_<app>_dropped_records}:
 * <ul>
 *   <li>{@code firebreak_streams_<app>_unwritable_records_total{topic, reason}} — outputs dropped because Kafka would
 *       not take them (e.g. {@code reason="RecordTooLargeException"}: an incident update is missing);</li>
 *   <li>{@code firebreak_streams_<app>_dead_lettered_records_total{topic, stage, reason}} — inputs parked on the
 *       application's dead-letter topic ({@code stage} = deserialization or processing; {@code topic} = where they
 *       were read).</li>
 * </ul>
 * Any increase means a signal, command or update did not make it into an incident: alert on {@code increase(...) > 0}.
 */
public final class RecordFailureMetrics implements MultiCollector {

    private final String app;
    private final RecordFailures failures;

    private RecordFailureMetrics(String app, RecordFailures failures) {
        this.app = app;
        this.failures = failures;
    }

    public static void register(PrometheusRegistry registry, String app, RecordFailures failures) {
        registry.register(new RecordFailureMetrics(app, failures));
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder unwritable = CounterSnapshot.builder().name("firebreak_streams_" + app + "_unwritable_records")
                .help("output records of the " + app + " streams application dropped because Kafka would not take them");
        CounterSnapshot.Builder parked = CounterSnapshot.builder().name("firebreak_streams_" + app + "_dead_lettered_records")
                .help("input records of the " + app + " streams application that could not be read or processed, parked on its dead-letter topic");
        failures.snapshot().forEach((cause, count) -> {
            if (cause.stage() == RecordFailures.Stage.PRODUCTION) {
                unwritable.dataPoint(point(Labels.of("topic", cause.topic(), "reason", cause.reason()), count));
            } else {
                parked.dataPoint(point(Labels.of("topic", cause.topic(), "stage", cause.stage().name().toLowerCase(Locale.ROOT),
                        "reason", cause.reason()), count));
            }
        });
        return MetricSnapshots.of(unwritable.build(), parked.build());
    }

    private static CounterSnapshot.CounterDataPointSnapshot point(Labels labels, long value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}

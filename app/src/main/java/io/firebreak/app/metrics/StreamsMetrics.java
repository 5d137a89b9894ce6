package io.firebreak.app.metrics;

import io.firebreak.schemas.kafka.errors.RecordFailures;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /metrics} says about the Kafka Streams applications ({@code application} = correlation or slo):
 * <ul>
 *   <li>{@code firebreak_streams_dropped_records_total{application}}: records the application skipped (summed over
 *       Kafka Streams' per-task {@code dropped-records-total});</li>
 *   <li>{@code firebreak_streams_unwritable_records_total{application, topic, reason}}: outputs dropped because Kafka
 *       would not take them (e.g. {@code reason="RecordTooLargeException"}: an incident update is missing);</li>
 *   <li>{@code firebreak_streams_dead_lettered_records_total{application, topic, stage, reason}}: inputs parked on the
 *       application's dead-letter topic ({@code stage} = deserialization or processing; {@code topic} = where they
 *       were read);</li>
 *   <li>{@code firebreak_streams_thread_deaths_total{application}} and {@code firebreak_correlation_lag_seconds}.</li>
 * </ul>
 * Any increase of the first four means a signal, command or update did not make it into an incident: alert on
 * {@code increase(...) > 0}.
 */
public final class StreamsMetrics implements MultiCollector {

    private static final String DROPPED = "firebreak_streams_dropped_records";
    private static final String UNWRITABLE = "firebreak_streams_unwritable_records";
    private static final String DEAD_LETTERED = "firebreak_streams_dead_lettered_records";

    private record Watched(KafkaStreams streams, RecordFailures failures) {
    }

    private final PrometheusRegistry registry;
    private final Map<String, Watched> applications = new ConcurrentSkipListMap<>();
    private final Counter threadDeaths;

    public StreamsMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        this.threadDeaths = Counter.builder().name("firebreak_streams_thread_deaths_total")
                .help("Stream threads of the application that died (each replaced)").labelNames("application").register(registry);
        registry.register(this);
    }

    /** Starts reporting {@code application}; the answer counts its thread deaths. */
    public CounterDataPoint watch(String application, KafkaStreams streams, RecordFailures failures) {
        applications.put(application, new Watched(streams, failures));
        return threadDeaths.labelValues(application);
    }

    /** {@code firebreak_correlation_lag_seconds}: NaN while unknown. */
    public void correlationLag(DoubleSupplier seconds) {
        GaugeWithCallback.builder().name("firebreak_correlation_lag_seconds").unit(Unit.SECONDS)
                .help("Age of the oldest input record correlation has not processed, 0 when caught up")
                .callback(callback -> callback.call(seconds.getAsDouble())).register(registry);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(DROPPED, UNWRITABLE, DEAD_LETTERED);
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder dropped = CounterSnapshot.builder().name(DROPPED)
                .help("Records the streams application skipped: unreadable, or their processing threw");
        CounterSnapshot.Builder unwritable = CounterSnapshot.builder().name(UNWRITABLE)
                .help("Output records of the streams application dropped because Kafka would not take them");
        CounterSnapshot.Builder parked = CounterSnapshot.builder().name(DEAD_LETTERED)
                .help("Input records of the streams application that could not be read or processed, parked on its dead-letter topic");
        applications.forEach((application, watched) -> {
            dropped.dataPoint(point(Labels.of("application", application), droppedRecords(watched.streams())));
            watched.failures().snapshot().forEach((cause, count) -> {
                if (cause.stage() == RecordFailures.Stage.PRODUCTION) {
                    unwritable.dataPoint(point(Labels.of("application", application, "topic", cause.topic(), "reason", cause.reason()), count));
                } else {
                    parked.dataPoint(point(Labels.of("application", application, "topic", cause.topic(),
                            "stage", cause.stage().name().toLowerCase(Locale.ROOT), "reason", cause.reason()), count));
                }
            });
        });
        return MetricSnapshots.of(dropped.build(), unwritable.build(), parked.build());
    }

    private static double droppedRecords(KafkaStreams streams) {
        return streams.metrics().values().stream()
                .filter(m -> m.metricName().name().equals("dropped-records-total"))
                .mapToDouble(m -> m.metricValue() instanceof Number n ? n.doubleValue() : 0.0)
                .sum();
    }

    private static CounterSnapshot.CounterDataPointSnapshot point(Labels labels, double value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}

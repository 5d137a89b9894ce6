package io.firebreak.slo;

import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.StreamsDefaults;
import io.firebreak.slo.burn.WindowCounts;
import io.firebreak.slo.config.SliSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The SLO engine, its own Kafka Streams application: {@code firebreak.logs.v1} (and Prometheus samples on
 * {@link #SAMPLES_TOPIC}) → per-SLO buckets → {@code firebreak.burn.v1} every {@code evaluateEvery}, and burn
 * alert Signals on {@code firebreak.signals.v1} when an alert starts or stops; {@code logAlerts:} rules over the same
 * lines write their Signals there too. It talks to the correlation topology only through those topics.
 */
public final class SloTopology {

    /** Internal topic (not in DESIGN §2, JSON values): Prometheus poll results, key = SLO name. */
    public static final String SAMPLES_TOPIC = "firebreak.slo.samples.v1";

    static final String MINUTE_STORE = "slo-minute-buckets";
    static final String HOUR_STORE = "slo-hour-buckets";
    static final String STATE_STORE = "slo-state";
    static final String BURN_SINK = "burn-sink";
    static final String SIGNALS_SINK = "signals-sink";

    private SloTopology() {
    }

    public static Topology build(SloSettings settings, Serdes serdes) {
        Topology topology = new Topology();
        topology.addSource("logs", Serdes.key().deserializer(), serdes.value(Topics.LOGS).deserializer(), Topics.LOGS.name());
        topology.addProcessor("log-repeats", () -> new RepeatedLineFilter(countedService(settings)), "logs");
        topology.addStateStore(RepeatedLineFilter.seenStore(), "log-repeats");
        topology.addProcessor("log-sli", () -> new LogSliProcessor(settings.slos()), "log-repeats");
        topology.addProcessor(LogAlertProcessor.NAME, () -> new LogAlertProcessor(settings.logAlerts(), settings.evaluateEvery()), "log-repeats");
        topology.addStateStore(LogAlertProcessor.stateStore(), LogAlertProcessor.NAME);
        if (hasPrometheusSource(settings)) {
            // Only then: Kafka Streams refuses to start on a missing source topic.
            topology.addSource("samples", Serdes.key().deserializer(), SliSample.serde().deserializer(), SAMPLES_TOPIC);
            topology.addProcessor("sample-sli", () -> new SampleSliProcessor(settings.slos()), "samples");
            topology.addProcessor("slo", () -> new SloProcessor(settings), "log-sli", "sample-sli");
        } else {
            topology.addProcessor("slo", () -> new SloProcessor(settings), "log-sli");
        }
        topology.addStateStore(minuteStore(settings), "slo");
        topology.addStateStore(hourStore(settings), "slo");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.key(),
                JsonSerde.of(SloState.class)).withCachingEnabled(), "slo");
        topology.addSink(BURN_SINK, Topics.BURN.name(), Serdes.key().serializer(), serdes.value(Topics.BURN).serializer(), "slo");
        topology.addSink(SIGNALS_SINK, Topics.SIGNALS.name(), Serdes.key().serializer(), serdes.value(Topics.SIGNALS).serializer(), "slo", LogAlertProcessor.NAME);
        return topology;
    }

    /** Whether an SLO or a log alert rule counts lines of a service: a rule without a service counts every one. */
    private static Predicate<String> countedService(SloSettings settings) {
        if (settings.logAlerts().stream().anyMatch(rule -> rule.service().isEmpty())) {
            return service -> true;
        }
        Set<String> services = new HashSet<>();
        settings.slos().stream().filter(slo -> slo.source() instanceof SliSource.Logs).forEach(slo -> services.add(slo.service()));
        settings.logAlerts().forEach(rule -> rule.service().ifPresent(services::add));
        return services::contains;
    }

    /** Whether the topology reads {@link #SAMPLES_TOPIC} (which must then exist, like every source topic). */
    public static boolean hasPrometheusSource(SloSettings settings) {
        return settings.slos().stream().anyMatch(slo -> slo.source() instanceof SliSource.Prometheus);
    }

    /** Minute buckets live as long as the longest window plus grace (and one bucket of slack). */
    private static StoreBuilder<WindowStore<String, WindowCounts>> minuteStore(SloSettings settings) {
        Duration retention = settings.alerts().longestWindow().plus(settings.grace()).plusMinutes(1);
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(MINUTE_STORE, retention, Duration.ofMinutes(1), false),
                Serdes.key(), SloBuckets.countsSerde()).withCachingEnabled();
    }

    /** Hour buckets live as long as the longest SLO period (the budget is computed over it). */
    private static StoreBuilder<WindowStore<String, WindowCounts>> hourStore(SloSettings settings) {
        Duration period = settings.slos().stream().map(slo -> slo.period()).max(Duration::compareTo).orElse(Duration.ofDays(30));
        Duration retention = period.plus(settings.grace()).plusHours(1);
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(HOUR_STORE, retention, Duration.ofHours(1), false),
                Serdes.key(), SloBuckets.countsSerde()).withCachingEnabled();
    }

    /**
     * Kafka Streams properties of the SLO engine, the shared {@link StreamsDefaults}: exactly-once (a Signal and the
     * alert state that produced it commit together, so a restart neither loses nor repeats a page); a log line that
     * cannot be read is parked on {@link Topics#SLO_DLQ} instead of stopping every SLO.
     */
    public static Properties streamsProperties(String bootstrapServers, String applicationId, Path stateDir, int replicationFactor) {
        return StreamsDefaults.properties(bootstrapServers, applicationId, stateDir, replicationFactor, Topics.SLO_DLQ);
    }
}

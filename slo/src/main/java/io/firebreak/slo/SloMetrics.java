package io.firebreak.slo;

import io.firebreak.events.BurnRate;
import io.firebreak.slo.burn.BurnMath;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.config.SloDefinition;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SLO series for {@code /metrics}, every one named {@code slo_*} or {@code alert_*} so the seed's federation
 * matcher {@code {__name__=~"coroot_.*|slo_.*|alert_.*"}} carries exactly these. Built at scrape time from the
 * latest BurnRate per SLO ({@link #update}); every series of every declared SLO is there from the start, NaN where
 * there is no data yet (a window without events, an SLO before its first evaluation), so a rule or panel over them
 * sees "no data" instead of a missing series. The good/bad counters are the engine's cumulative counts (they survive
 * restarts of the engine). Labels on every series: {@code slo}, {@code service}, {@code cluster}. The period is
 * {@code slo_period_seconds} (the contract's {@code slo_period_days} in the base unit Prometheus asks for).
 */
public final class SloMetrics implements MultiCollector, SliEventObserver {

    private static final List<String> NAMES = List.of("slo_objective_ratio", "slo_error_budget_ratio", "slo_period_seconds",
            "slo_error_budget_remaining_ratio", "slo_burn_rate", "slo_sli_error_ratio", "slo_sli_events_total",
            "alert_slo_burn_state");

    private final Map<String, BurnRate> latest = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> dropped = new ConcurrentHashMap<>();

    /** Registers itself into {@code registry}. */
    public SloMetrics(PrometheusRegistry registry) {
        this(registry, List.of());
    }

    /** With the series of {@code declared} present before any burn rate arrives: NaN, and 0 events. */
    public SloMetrics(PrometheusRegistry registry, List<SloDefinition> declared) {
        for (SloDefinition slo : declared) {
            latest.put(slo.name(), BurnRate.newBuilder().setSlo(slo.name()).setService(slo.service())
                    .setCluster(slo.cluster().orElse(SloEvaluator.UNKNOWN_CLUSTER)).setObjective(slo.objective())
                    .setPeriodSeconds(slo.period().toSeconds()).setBudgetRemaining(Double.NaN).setRates(Map.of())
                    .setAt(Instant.EPOCH).build());
        }
        registry.register(this);
    }

    /** Takes the newest BurnRate of its SLO (an older one, e.g. from a replay, is ignored). */
    public void update(BurnRate burn) {
        latest.merge(burn.getSlo(), burn, (old, neu) -> neu.getAt().isBefore(old.getAt()) ? old : neu);
    }

    @Override
    public void dropped(String slo, String service, long count) {
        dropped.computeIfAbsent(List.of(slo, service), key -> new AtomicLong()).addAndGet(count);
    }

    @Override
    public List<String> getPrometheusNames() {
        return NAMES;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder objective = gauge("slo_objective_ratio", "SLO objective as a ratio (0.999 for 99.9%)");
        GaugeSnapshot.Builder budget = gauge("slo_error_budget_ratio", "error budget as a ratio: 1 - objective");
        GaugeSnapshot.Builder period = gauge("slo_period_seconds", "SLO compliance period");
        GaugeSnapshot.Builder remaining = gauge("slo_error_budget_remaining_ratio", "share of the period's error budget left: 1 - e(period)/budget; negative when overspent");
        GaugeSnapshot.Builder burn = gauge("slo_burn_rate", "burn rate over the window: error ratio / error budget");
        GaugeSnapshot.Builder error = gauge("slo_sli_error_ratio", "SLI error ratio (bad / valid events) over the window");
        GaugeSnapshot.Builder state = gauge("alert_slo_burn_state", "1 while the SLO's multiwindow burn alert of this severity (page|ticket) is the highest one firing");
        CounterSnapshot.Builder events = CounterSnapshot.builder().name("slo_sli_events").help("SLI events by result: good, bad, dropped (late beyond grace)");
        for (BurnRate b : new TreeMap<>(latest).values()) {
            Labels base = Labels.of("slo", b.getSlo(), "service", b.getService(), "cluster", b.getCluster() == null ? "unknown" : b.getCluster());
            double errorBudget = BigDecimal.ONE.subtract(BigDecimal.valueOf(b.getObjective())).doubleValue();
            objective.dataPoint(point(base, b.getObjective()));
            budget.dataPoint(point(base, errorBudget));
            period.dataPoint(point(base, b.getPeriodSeconds()));
            remaining.dataPoint(point(base, b.getBudgetRemaining()));
            for (Duration standard : BurnMath.STANDARD_WINDOWS) {
                String window = Durations.label(standard);
                double rate = b.getRates().getOrDefault(window, Double.NaN);
                burn.dataPoint(point(base.add("window", window), rate));
                error.dataPoint(point(base.add("window", window), rate * errorBudget));
            }
            error.dataPoint(point(base.add("window", Durations.label(Duration.ofSeconds(b.getPeriodSeconds()))), (1 - b.getBudgetRemaining()) * errorBudget));
            state.dataPoint(point(base.add("severity", "page"), "page".equals(b.getAlert()) ? 1 : 0));
            state.dataPoint(point(base.add("severity", "ticket"), "ticket".equals(b.getAlert()) ? 1 : 0));
            events.dataPoint(counter(base.add("result", "good"), b.getGoodEvents()));
            events.dataPoint(counter(base.add("result", "bad"), b.getTotalEvents() - b.getGoodEvents()));
            events.dataPoint(counter(base.add("result", "dropped"), droppedOf(b.getSlo(), b.getService())));
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(List.of(objective.build(), budget.build(), period.build(), remaining.build(),
                burn.build(), error.build(), events.build(), state.build()));
        return new MetricSnapshots(snapshots);
    }

    private long droppedOf(String slo, String service) {
        AtomicLong count = dropped.get(List.of(slo, service));
        return count == null ? 0 : count.get();
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}

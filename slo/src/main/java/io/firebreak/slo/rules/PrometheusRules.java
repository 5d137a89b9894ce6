package io.firebreak.slo.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.firebreak.slo.burn.AlertKind;
import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.burn.AlertTier;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prometheus recording and alerting rules for the SLOs whose SLI is a Prometheus query pair, in Sloth's shape (per SLO a
 * group of SLI recordings, one of metadata, one of alerts; one page and one ticket alert) but with firebreak's {@code slo_*}
 * names and labels, so the series match what firebreak's own {@code /metrics} exports and the seed's federation matcher
 * carries them. The windows and thresholds come from the engine's own {@link AlertPolicy}: Prometheus and firebreak fire
 * on the same burn. Log-sourced SLOs have no query Prometheus could evaluate and are left out ({@link #skipped}).
 */
public final class PrometheusRules {

    /** The alert name the engine's own burn signals carry, so Alertmanager routes both alike. */
    public static final String ALERT_NAME = "SloErrorBudgetBurn";
    public static final String INTERVAL_PLACEHOLDER = "$interval";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private final AlertPolicy policy;

    public PrometheusRules(AlertPolicy policy) {
        this.policy = policy;
    }

    /** The SLOs of {@code slos} that {@link #yaml} leaves out because their SLI comes from logs. */
    public static List<SloDefinition> skipped(List<SloDefinition> slos) {
        return slos.stream().filter(slo -> !(slo.source() instanceof SliSource.Prometheus)).toList();
    }

    /**
     * A Prometheus rule file ({@code groups:}) for every Prometheus-sourced SLO of {@code slos}.
     *
     * @throws IllegalArgumentException when a query lacks {@code $interval}: every window would then show the same ratio
     */
    public String yaml(List<SloDefinition> slos) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (SloDefinition slo : slos) {
            if (slo.source() instanceof SliSource.Prometheus prometheus) {
                requireInterval(slo, prometheus);
                groups.add(group("firebreak-slo-sli-recordings-" + slo.name(), sliRecordings(slo, prometheus)));
                groups.add(group("firebreak-slo-meta-recordings-" + slo.name(), metaRecordings(slo)));
                groups.add(group("firebreak-slo-alerts-" + slo.name(), List.of(alert(slo, AlertKind.PAGE), alert(slo, AlertKind.TICKET))));
            }
        }
        try {
            return YAML.writeValueAsString(Map.of("groups", groups));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireInterval(SloDefinition slo, SliSource.Prometheus prometheus) {
        for (String query : List.of(prometheus.goodQuery(), prometheus.totalQuery())) {
            if (!query.contains(INTERVAL_PLACEHOLDER)) {
                throw new IllegalArgumentException(slo.origin() + ": SLO " + slo.name() + ": query '" + query + "' has no " + INTERVAL_PLACEHOLDER
                        + " range, so every window would record the same error ratio");
            }
        }
    }

    /** The error ratio per window (the policy's windows and the period as Sloth's average of the 5m ratio). */
    private List<Map<String, Object>> sliRecordings(SloDefinition slo, SliSource.Prometheus prometheus) {
        List<Map<String, Object>> rules = new ArrayList<>();
        TreeSet<Duration> windows = new TreeSet<>(policy.windows());
        for (Duration window : windows) {
            String range = Durations.label(window);
            String expr = "1 - (\n  (" + prometheus.goodQuery().replace(INTERVAL_PLACEHOLDER, range) + ")\n  /\n  ("
                    + prometheus.totalQuery().replace(INTERVAL_PLACEHOLDER, range) + ")\n)";
            rules.add(record("slo_sli_error_ratio", expr, withWindow(labels(slo), range)));
        }
        String shortest = Durations.label(windows.first());
        String selector = "slo_sli_error_ratio" + selector(slo, shortest);
        String period = Durations.label(slo.period());
        rules.add(record("slo_sli_error_ratio", "sum_over_time(" + selector + "[" + period + "])\n/ ignoring (window)\ncount_over_time("
                + selector + "[" + period + "])", withWindow(labels(slo), period)));
        return rules;
    }

    private List<Map<String, Object>> metaRecordings(SloDefinition slo) {
        String budget = number(slo.errorBudget());
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(record("slo_objective_ratio", "vector(" + number(slo.objective()) + ")", labels(slo)));
        rules.add(record("slo_error_budget_ratio", "vector(" + budget + ")", labels(slo)));
        // the base unit Prometheus asks for, and the name and value firebreak's own /metrics exports (SloMetrics)
        rules.add(record("slo_period_seconds", "vector(" + slo.period().toSeconds() + ")", labels(slo)));
        rules.add(record("slo_burn_rate", "slo_sli_error_ratio" + selector(slo, null) + " / " + budget, labels(slo)));
        rules.add(record("slo_error_budget_remaining_ratio", "1 - max without (window) (slo_sli_error_ratio"
                + selector(slo, Durations.label(slo.period())) + ") / " + budget, labels(slo)));
        return rules;
    }

    /** Sloth's shape: (short > T·B and long > T·B) or ... over the kind's tiers, both windows compared to the same threshold. */
    private Map<String, Object> alert(SloDefinition slo, AlertKind kind) {
        String budget = number(slo.errorBudget());
        List<String> clauses = new ArrayList<>();
        for (AlertTier tier : policy.tiers()) {
            if (tier.kind() == kind) {
                String threshold = "(" + number(tier.burnRate()) + " * " + budget + ")";
                clauses.add("(\n    max without (window) (slo_sli_error_ratio" + selector(slo, Durations.label(tier.shortWindow())) + " > " + threshold
                        + ")\n    and\n    max without (window) (slo_sli_error_ratio" + selector(slo, Durations.label(tier.longWindow())) + " > " + threshold
                        + ")\n)");
            }
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", ALERT_NAME);
        rule.put("expr", String.join("\nor\n", clauses));
        Map<String, String> labels = labels(slo);
        labels.put("severity", kind == AlertKind.PAGE ? "critical" : "high");
        labels.put("alert", kind.label());
        labels.put("sloth_severity", kind.label());
        rule.put("labels", labels);
        rule.put("annotations", Map.of(
                "summary", slo.name() + " is burning its error budget too fast (" + kind.label() + ")",
                "title", "(" + kind.label() + ") " + slo.service() + " " + slo.name() + " SLO error budget burn rate is too high"));
        return rule;
    }

    private static Map<String, Object> group(String name, List<Map<String, Object>> rules) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("rules", rules);
        return group;
    }

    private static Map<String, Object> record(String name, String expr, Map<String, String> labels) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("record", name);
        rule.put("expr", expr);
        rule.put("labels", labels);
        return rule;
    }

    private static Map<String, String> labels(SloDefinition slo) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("slo", slo.name());
        labels.put("service", slo.service());
        slo.cluster().ifPresent(cluster -> labels.put("cluster", cluster));
        return labels;
    }

    private static Map<String, String> withWindow(Map<String, String> labels, String window) {
        labels.put("window", window);
        return labels;
    }

    /** {@code {slo="x", window="5m"}}; the name is escaped as a PromQL string, so any SLO name selects only itself. */
    private static String selector(SloDefinition slo, String window) {
        return "{slo=\"" + escape(slo.name()) + "\"" + (window == null ? "" : ", window=\"" + window + "\"") + "}";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Shortest exact decimal: 0.001, 14.4, 6, never 1.0E-4. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}

package io.firebreak.app.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.firebreak.slo.logalerts.LogAlertRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule of {@code logAlerts:} (seed §9): {@code {name, service?, match: {field: value|[values]}, threshold: {count,
 * within}, severity}}. Its lines become a Signal with source {@code logs} once {@code count} match within {@code within}.
 */
public class LogAlertConfig {

    @JsonProperty
    public String name;

    /** Only this service's lines; every service's when left out. */
    @JsonProperty
    public String service;

    /** Field → a value or a list of values, e.g. {@code {status: RISK_LIMIT}} or {@code {status: [REJECTED, RISK_LIMIT]}}. */
    @JsonProperty
    public Map<String, Object> match = new LinkedHashMap<>();

    @JsonProperty
    public ThresholdConfig threshold;

    @JsonProperty
    public String severity;

    public static class ThresholdConfig {
        @JsonProperty
        public long count;

        @JsonProperty
        public Duration within;
    }

    /**
     * The rules of {@code logAlerts:}; every bad rule is a problem of its own, led by its key and naming the rule, so
     * {@code check} shows the file's line ({@code logAlerts[0].threshold.within: ... (rule RiskLimitRejections)}).
     */
    public static List<LogAlertRule> rules(List<LogAlertConfig> configured) {
        List<String> problems = new ArrayList<>();
        if (configured.size() > LogAlertRule.MAX_RULES) {
            problems.add("logAlerts: " + configured.size() + " rules, at most " + LogAlertRule.MAX_RULES + " (each is tried on every log line)");
        }
        List<LogAlertRule> rules = new ArrayList<>();
        Map<String, Integer> firstWithName = new HashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            LogAlertConfig rule = configured.get(i);
            String key = "logAlerts[" + i + "]";
            Integer earlier = rule.name == null ? null : firstWithName.putIfAbsent(rule.name, i);
            if (earlier != null) {
                problems.add(key + ".name: '" + rule.name + "' is also the name of logAlerts[" + earlier
                        + "] (the name is the alert's identity)");
                continue;
            }
            try {
                rules.add(rule.toRule());
            } catch (IllegalArgumentException e) {
                problems.add(key + "." + e.getMessage() + (rule.name == null ? "" : " (rule " + rule.name + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return rules;
    }

    private LogAlertRule toRule() {
        if (threshold == null || threshold.within == null) {
            throw new IllegalArgumentException("threshold: give {count: N, within: 5m}");
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        match.forEach((field, value) -> values.put(field, value instanceof List<?> list
                ? list.stream().map(item -> item == null ? null : item.toString()).toList()
                : value == null ? List.of() : List.of(value.toString())));
        return new LogAlertRule(name, Optional.ofNullable(service), values, threshold.count, threshold.within.toJavaDuration(),
                LogAlertRule.severityNamed(severity));
    }
}

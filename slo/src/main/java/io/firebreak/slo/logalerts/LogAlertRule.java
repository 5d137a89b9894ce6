package io.firebreak.slo.logalerts;

import io.firebreak.events.Severity;
import io.firebreak.slo.config.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One rule of {@code logAlerts:}: log lines of {@code service} (any service when empty) whose fields all match
 * {@code match} become a firing Signal once {@code count} of them fall within {@code within}.
 *
 * @param match field → accepted values; a line matches when, for every field, its value is one of them (ignoring case)
 */
public record LogAlertRule(String name, Optional<String> service, Map<String, List<String>> match, long count, Duration within,
                           Severity severity) {

    /** Longer windows would keep more state per key and make the alert lag the logs; an hour covers real rules. */
    public static final Duration MAX_WITHIN = Duration.ofHours(1);
    /** Finer than the bucket of {@link LineCounts} it would not be a window. */
    public static final Duration MIN_WITHIN = Duration.ofSeconds(10);
    /** Every rule is tried on every log line. */
    public static final int MAX_RULES = 100;

    /** Each problem starts with the rule's key it is about ({@code threshold.within: ...}), so the config names the line. */
    public LogAlertRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be empty");
        }
        if (service.isPresent() && service.get().isBlank()) {
            throw new IllegalArgumentException("service: must not be empty (leave it out to match every service)");
        }
        if (match == null || match.isEmpty()) {
            throw new IllegalArgumentException("match: give at least one field and its value, e.g. match: {status: RISK_LIMIT}");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        match.forEach((field, values) -> {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("match: a field name must not be empty");
            }
            if (values == null || values.isEmpty() || values.stream().anyMatch(value -> value == null || value.isBlank())) {
                throw new IllegalArgumentException("match." + field + ": give a value or a list of non-empty values");
            }
            copy.put(field, List.copyOf(values));
        });
        match = Map.copyOf(copy);
        if (count < 1) {
            throw new IllegalArgumentException("threshold.count: must be at least 1, was " + count);
        }
        if (within == null || within.compareTo(MIN_WITHIN) < 0 || within.compareTo(MAX_WITHIN) > 0) {
            throw new IllegalArgumentException("threshold.within: must be between " + Durations.label(MIN_WITHIN) + " and "
                    + Durations.label(MAX_WITHIN) + ", was " + (within == null ? "nothing" : Durations.label(within)));
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW");
        }
    }

    /**
     * Whether a line of {@code lineService} whose fields {@code field} looks up counts for this rule. A field name with
     * dots ({@code error.code}) also finds the flattened field ingest keeps for a nested object ({@code error_code}).
     */
    public boolean matches(String lineService, Function<String, Optional<String>> field) {
        if (service.isPresent() && !service.get().equals(lineService)) {
            return false;
        }
        for (Map.Entry<String, List<String>> wanted : match.entrySet()) {
            Optional<String> value = field.apply(wanted.getKey()).or(() -> field.apply(wanted.getKey().replace('.', '_')));
            if (value.isEmpty() || wanted.getValue().stream().noneMatch(value.get()::equalsIgnoreCase)) {
                return false;
            }
        }
        return true;
    }

    /** The severity a config writes: the names of DESIGN §7 in any case. */
    public static Severity severityNamed(String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, was '" + text + "'", e);
        }
    }
}

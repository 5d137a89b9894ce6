package io.firebreak.slo.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, line-aware access to one YAML mapping ({@code where} names it in messages, e.g. {@code slo.indicator.latency}).
 * Unknown keys are reported on construction; a missing or ill-typed value is reported and read as empty.
 */
final class MapReader {

    private final YamlNode.MapNode node;
    private final String where;
    private final Problems problems;

    private MapReader(YamlNode.MapNode node, String where, Problems problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    /** A reader for {@code value} when it is a mapping with only {@code allowed} keys; empty (and reported) when not a mapping. */
    static Optional<MapReader> of(YamlNode value, String where, Set<String> allowed, Problems problems) {
        if (!(value instanceof YamlNode.MapNode map)) {
            problems.add(value.line(), where + " must be a mapping, not " + value.kind());
            return Optional.empty();
        }
        for (YamlNode.Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                problems.add(entry.line(), "unknown key '" + entry.key() + "' in " + where
                        + " (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return Optional.of(new MapReader(map, where, problems));
    }

    int line() {
        return node.line();
    }

    String where() {
        return where;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return node.entries().containsKey(key);
    }

    Optional<YamlNode> node(String key) {
        return Optional.ofNullable(node.entries().get(key)).map(YamlNode.Entry::value);
    }

    Optional<YamlNode> required(String key) {
        Optional<YamlNode> value = node(key);
        if (value.isEmpty()) {
            problems.add(node.line(), "missing required key '" + key + "' in " + where);
        }
        return value;
    }

    Optional<String> string(String key) {
        return node(key).flatMap(value -> asString(key, value));
    }

    Optional<String> requiredString(String key) {
        return required(key).flatMap(value -> asString(key, value));
    }

    private Optional<String> asString(String key, YamlNode value) {
        if (value instanceof YamlNode.ScalarNode scalar && scalar.text() != null && !scalar.text().isBlank()) {
            return Optional.of(scalar.text().trim());
        }
        problems.add(value.line(), where + "." + key + " must be a non-empty string, not " + value.kind());
        return Optional.empty();
    }

    Optional<Double> number(String key) {
        return node(key).flatMap(value -> asNumber(key, value));
    }

    Optional<Double> requiredNumber(String key) {
        return required(key).flatMap(value -> asNumber(key, value));
    }

    private Optional<Double> asNumber(String key, YamlNode value) {
        if (value instanceof YamlNode.ScalarNode scalar && scalar.text() != null) {
            String text = scalar.text().trim();
            boolean percent = text.endsWith("%");
            try {
                double parsed = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
                if (Double.isFinite(parsed)) {
                    return Optional.of(parsed);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(value.line(), where + "." + key + " must be a number, not '" + text(value) + "'");
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        return node(key).flatMap(value -> {
            if (value instanceof YamlNode.ScalarNode scalar && scalar.bool()) {
                return Optional.of(Boolean.parseBoolean(scalar.text()));
            }
            problems.add(value.line(), where + "." + key + " must be true or false, not '" + text(value) + "'");
            return Optional.empty();
        });
    }

    Optional<Duration> duration(String key) {
        return node(key).flatMap(value -> asDuration(key, value));
    }

    Optional<Duration> requiredDuration(String key) {
        return required(key).flatMap(value -> asDuration(key, value));
    }

    private Optional<Duration> asDuration(String key, YamlNode value) {
        Optional<Duration> parsed = value instanceof YamlNode.ScalarNode scalar ? Durations.parse(scalar.text()) : Optional.empty();
        if (parsed.isEmpty()) {
            problems.add(value.line(), "bad duration '" + text(value) + "' for " + where + "." + key
                    + " (expected a number and a unit: ms, s, m, h, d, w; e.g. 10ms, 30s, 5m, 1h, 30d)");
        } else if (parsed.get().isZero()) {
            problems.add(value.line(), where + "." + key + " must be longer than zero");
            return Optional.empty();
        }
        return parsed;
    }

    /** A list of non-empty strings (a single scalar counts as a list of one). */
    Optional<List<String>> strings(String key) {
        return node(key).flatMap(value -> {
            List<YamlNode> items = value instanceof YamlNode.ListNode list ? list.items() : List.of(value);
            List<String> out = new ArrayList<>();
            for (YamlNode item : items) {
                asString(key, item).ifPresent(out::add);
            }
            if (out.size() != items.size()) {
                return Optional.empty();
            }
            if (out.isEmpty()) {
                problems.add(value.line(), where + "." + key + " must not be empty");
                return Optional.empty();
            }
            return Optional.of(List.copyOf(out));
        });
    }

    void problem(String key, String message) {
        int line = Optional.ofNullable(node.entries().get(key)).map(YamlNode.Entry::line).orElse(node.line());
        problems.add(line, message);
    }

    private static String text(YamlNode value) {
        return value instanceof YamlNode.ScalarNode scalar ? String.valueOf(scalar.text()) : value.kind();
    }
}

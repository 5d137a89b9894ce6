package io.firebreak.core.routing;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Alertmanager-style label matcher: {@code severity="CRITICAL"}, {@code cluster!="lab"},
 * {@code service=~"trade-.*"}, {@code team!~"qa|test"}. A missing label matches as the empty string,
 * as in Alertmanager. Regexes are anchored (whole value).
 */
public record Matcher(String label, Op op, String value) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*");

    public Matcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            Pattern.compile(value); // fail fast on a bad route, with the regex's own message
        }
    }

    public static Matcher equal(String label, String value) {
        return new Matcher(label, Op.EQUAL, value);
    }

    /** Parses the config form, e.g. {@code severity="CRITICAL"}. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("route matcher '" + text + "' is not of the form label=\"value\" (ops = != =~ !~)");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "=~" -> Op.REGEX;
            default -> Op.NOT_REGEX;
        };
        return severityAnyCase(new Matcher(m.group(1), op, m.group(3)));
    }

    /**
     * Severities are upper case inside firebreak, while Alertmanager users write {@code severity="critical"}: a route
     * on {@code severity} matches whatever the case, where silently never matching would lose pages.
     */
    private static Matcher severityAnyCase(Matcher matcher) {
        if (!matcher.label().equals("severity")) {
            return matcher;
        }
        return switch (matcher.op()) {
            case EQUAL, NOT_EQUAL -> new Matcher(matcher.label(), matcher.op(), matcher.value().toUpperCase(Locale.ROOT));
            case REGEX, NOT_REGEX -> new Matcher(matcher.label(), matcher.op(), "(?i)" + matcher.value());
        };
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> actual.matches(value);
            case NOT_REGEX -> !actual.matches(value);
        };
    }

    @Override
    public String toString() {
        return label + op.symbol() + '"' + value + '"';
    }
}

package io.firebreak.postmortem.logs;

import java.util.List;

/**
 * The seed's LogQL queries, templated per service. Values are escaped as LogQL string literals
 * ({@code \} → {@code \\}, {@code "} → {@code \"}); a value with a line break is refused, because it could
 * smuggle a second query past the selector (contract logql-and-explore.md, Security).
 */
public final class LogQl {

    /** One templated query: a stable short name and the LogQL. */
    public record Template(String name, String pattern) {

        String render(String service) {
            return pattern.replace("${selector}", selector(service));
        }
    }

    public static final List<Template> SEED_QUERIES = List.of(
            new Template("rejected", "${selector} |= \"REJECTED\""),
            new Template("slow", "${selector} | json | latency_ms > 10"),
            new Template("risk-limit", "${selector} |= \"RISK_LIMIT\""),
            new Template("errors", "${selector} |~ \"ERROR|REJECTED\""));

    private LogQl() {
    }

    /** {@code {service="<service>"}} with the value escaped. */
    public static String selector(String service) {
        return "{service=" + quote(service) + "}";
    }

    /** A LogQL double-quoted string literal. */
    public static String quote(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("refusing a LogQL value with a line break: " + value.strip());
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    public static String render(Template template, String service) {
        return template.render(service);
    }
}

package io.firebreak.postmortem.metrics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PromQL templates for the metrics of an incident's services, rendered per service. In a template, {@code {{service}}} and
 * {@code {{cluster}}} stand for the values as the inside of a PromQL double-quoted string, {@code {{serviceRegex}}} for the
 * service as an RE2 literal inside such a string (for {@code =~} matchers). Values with a line break are refused, as in
 * LogQL: they could smuggle a second expression past the matcher.
 */
public final class PromQl {

    /** One templated query: a stable short name and the PromQL. */
    public record Template(String name, String pattern) {
    }

    /**
     * Coroot node-agent's container metrics: every series carries {@code container_id} ({@code /k8s/<namespace>/<pod>/<container>}),
     * matched here by the container name, which is the service's name in a usual deployment.
     */
    public static final List<Template> COROOT_DEFAULTS = List.of(
            new Template("http-errors", "sum by (status) (rate(container_http_requests_total{container_id=~\".*/{{serviceRegex}}\", status=~\"5..\"}[$__rate_interval]))"),
            new Template("http-latency", "sum(rate(container_http_requests_duration_seconds_total{container_id=~\".*/{{serviceRegex}}\"}[$__rate_interval]))"
                    + " / sum(rate(container_http_requests_total{container_id=~\".*/{{serviceRegex}}\"}[$__rate_interval]))"),
            new Template("cpu", "sum(rate(container_resources_cpu_usage_seconds_total{container_id=~\".*/{{serviceRegex}}\"}[$__rate_interval]))"),
            new Template("memory", "sum(container_resources_memory_rss_bytes{container_id=~\".*/{{serviceRegex}}\"})"),
            new Template("tcp-failed-connects", "sum(rate(container_net_tcp_failed_connects_total{container_id=~\".*/{{serviceRegex}}\"}[$__rate_interval]))"));

    private static final Pattern REGEX_META = Pattern.compile("[\\\\.+*?()|\\[\\]{}^$]");

    private PromQl() {
    }

    public static String render(Template template, String service, String cluster) {
        return template.pattern()
                .replace("{{serviceRegex}}", inString(REGEX_META.matcher(refuseLineBreaks(service)).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()))))
                .replace("{{service}}", inString(refuseLineBreaks(service)))
                .replace("{{cluster}}", inString(refuseLineBreaks(cluster)));
    }

    /** The inside of a PromQL double-quoted string: backslash and quote escaped. */
    static String inString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String refuseLineBreaks(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("refusing a PromQL value with a line break: " + value.strip());
        }
        return value;
    }
}

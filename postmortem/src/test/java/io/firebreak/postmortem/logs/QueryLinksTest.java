package io.firebreak.postmortem.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryLinksTest {

    @Test
    void exploreLinkIsByteForByteTheContractExample() {
        LogWindow window = new LogWindow(Instant.ofEpochMilli(1795856223000L), Instant.ofEpochMilli(1795858923000L));

        String link = QueryLinks.explore(URI.create("https://grafana.example.internal"), "loki-oci-fra-1",
                "{cluster=\"oci-fra-1\", service=\"trade-engine\"} |= \"ERROR\" | json | latency_ms > 250", window);

        assertThat(link).isEqualTo("https://grafana.example.internal/explore?schemaVersion=1&orgId=1&panes=%7B%22a%22%3A%7B%22datasource%22%3A%22loki-oci-fra-1%22%2C%22queries%22%3A%5B%7B%22refId%22%3A%22A%22%2C%22datasource%22%3A%7B%22type%22%3A%22loki%22%2C%22uid%22%3A%22loki-oci-fra-1%22%7D%2C%22expr%22%3A%22%7Bcluster%3D%5C%22oci-fra-1%5C%22%2C%20service%3D%5C%22trade-engine%5C%22%7D%20%7C%3D%20%5C%22ERROR%5C%22%20%7C%20json%20%7C%20latency_ms%20%3E%20250%22%2C%22queryType%22%3A%22range%22%2C%22editorMode%22%3A%22code%22%7D%5D%2C%22range%22%3A%7B%22from%22%3A%221795856223000%22%2C%22to%22%3A%221795858923000%22%7D%7D%7D");
    }

    @Test
    void aPrometheusExploreLinkCarriesThePromQlOnThePrometheusDatasourceOverTheWindow() throws Exception {
        LogWindow window = new LogWindow(Instant.ofEpochMilli(1795856223000L), Instant.ofEpochMilli(1795858923000L));
        String promql = "sum(rate(container_resources_cpu_usage_seconds_total{container_id=~\".*/trade-engine\"}[$__rate_interval])) & 1";

        String link = QueryLinks.explorePrometheus(URI.create("https://grafana.example.internal/"), "prom-1", promql, window);

        assertThat(link).startsWith("https://grafana.example.internal/explore?schemaVersion=1&orgId=1&panes=").doesNotContain(" ", "&1", "+");
        String panes = java.net.URLDecoder.decode(link.substring(link.indexOf("panes=") + 6), java.nio.charset.StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode pane = new com.fasterxml.jackson.databind.ObjectMapper().readTree(panes).get("a");
        assertThat(pane.at("/queries/0/datasource/type").asText()).isEqualTo("prometheus");
        assertThat(pane.at("/queries/0/datasource/uid").asText()).isEqualTo("prom-1");
        assertThat(pane.at("/queries/0/expr").asText()).isEqualTo(promql);
        assertThat(pane.at("/queries/0/range").asBoolean()).isTrue();
        assertThat(pane.at("/range/from").asText()).isEqualTo("1795856223000");
        assertThat(pane.at("/range/to").asText()).isEqualTo("1795858923000");
    }

    @Test
    void queryRangeUsesNanosecondsAndPercentEncodesSpaces() {
        LogWindow window = new LogWindow(Instant.parse("2026-11-28T08:42:03Z"), Instant.parse("2026-11-28T09:42:03.5Z"));

        String url = QueryLinks.queryRange(URI.create("http://loki:3100/"), "{service=\"a b\"} |~ \"ERROR|REJECTED\"", window, 50);

        assertThat(url).isEqualTo("http://loki:3100/loki/api/v1/query_range"
                + "?query=%7Bservice%3D%22a%20b%22%7D%20%7C%7E%20%22ERROR%7CREJECTED%22"
                + "&start=1795855323000000000&end=1795858923500000000&limit=50&direction=backward");
    }

    @Test
    void windowIsPaddedOnBothSidesAndAnOpenIncidentRunsUntilNow() {
        Instant start = Instant.parse("2026-11-28T08:57:03Z");
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        assertThat(LogWindow.around(start, Optional.empty(), now, Duration.ofMinutes(5)))
                .isEqualTo(new LogWindow(Instant.parse("2026-11-28T08:52:03Z"), Instant.parse("2026-11-28T10:05:00Z")));
    }

    @Test
    void logQlValuesAreEscapedAndLineBreaksRefused() {
        assertThat(LogQl.quote("a\\b\"c")).isEqualTo("\"a\\\\b\\\"c\"");
        assertThatThrownBy(() -> LogQl.quote("x\"} |= \"\n{y")).isInstanceOf(IllegalArgumentException.class);
    }
}

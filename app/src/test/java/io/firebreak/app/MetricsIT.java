package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} as a Prometheus user meets it, on a whole firebreak that has paged once and refused a request:
 * it passes {@code promtool check metrics} (the Prometheus project's own linter: base units, {@code _total} counters,
 * help texts) without one warning, names its endpoints, channels, reasons and outcomes in labels, has every SLO series
 * before any SLI event arrived, counts open incidents by severity, stage and cluster, and carries the JVM and process
 * collectors. The Grafana dashboard in {@code examples/grafana} asks only for series this scrape has.
 */
class MetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DASHBOARD = Path.of("..", "examples", "grafana", "firebreak.json");

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp("it.yml", "metrics",
            ConfigOverride.config("slos.path", Path.of("..", "examples", "slos").toAbsolutePath().toString()));

    private static String scrape;

    @BeforeAll
    static void pageOnceAndRefuseOnce() throws Exception {
        String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")));
        assertThat(firebreak.postAlertmanager(payload).statusCode()).isEqualTo(202);
        assertThat(firebreak.postAlertmanager("{not json").statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(60)).until(() -> !firebreak.pagerDuty().triggers().isEmpty());
        // the read model trails the page, and PAGED waits for PagerDuty's acceptance to come back as a receipt: the
        // incident must be in the scrape at its paged stage
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics())
                .containsPattern("alert_incidents_open\\{cluster=\"oci-fra-1\",severity=\"critical\",stage=\"(paged|war_room_open)\"} 1.0"));
        scrape = metrics();
    }

    private static String metrics() throws IOException, InterruptedException {
        var answer = firebreak.get("/metrics", PagingApp.READ_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void promtoolFindsNothingToComplainAbout() throws Exception {
        Optional<Path> promtool = ExternalProcess.find("/usr/bin/promtool", "/usr/local/bin/promtool");
        Assumptions.assumeTrue(promtool.isPresent(), "promtool not installed (apt-get install -y prometheus): lint skipped");
        Process process = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as("promtool check metrics").isBlank();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void endpointsChannelsReasonsAndOutcomesAreLabelsNotNames() {
        assertThat(scrape)
                .contains("firebreak_ingest_requests_total{endpoint=\"alertmanager\"} 2.0")
                .contains("firebreak_ingest_requests_rejected_total{endpoint=\"alertmanager\",reason=\"malformed_json\"} 1.0")
                .contains("firebreak_ingest_events_written_total{endpoint=\"alertmanager\"} 2.0")
                .contains("firebreak_ingest_write_duration_seconds_count{endpoint=\"alertmanager\"} 1")
                .contains("firebreak_ingest_write_duration_seconds_bucket{endpoint=\"alertmanager\",le=\"0.005\"}")
                .contains("firebreak_notifier_notifications_total{channel=\"pagerduty\",outcome=\"delivered\"}")
                .contains("firebreak_notifier_attempt_duration_seconds_bucket{channel=\"pagerduty\",le=\"0.01\"}")
                .contains("firebreak_notifier_lag_records{channel=\"pagerduty\"}")
                .contains("firebreak_streams_dropped_records_total{application=\"correlation\"} 0.0")
                .contains("firebreak_streams_thread_deaths_total{application=\"correlation\"} 0.0")
                .contains("firebreak_correlation_lag_seconds ")
                .contains("# TYPE firebreak_mttr_seconds histogram")
                .doesNotContain("firebreak_notifier_pagerduty_").doesNotContain("firebreak_ingest_alertmanager_")
                .doesNotContain("firebreak_streams_correlation_");
    }

    @Test
    void openIncidentsAreCountedBySeverityStageAndCluster() {
        assertThat(scrape).containsPattern("alert_incidents_open\\{cluster=\"oci-fra-1\",severity=\"critical\",stage=\"(paged|war_room_open)\"} 1.0")
                .contains("alert_incidents_open{cluster=\"oci-fra-1\",severity=\"low\",stage=\"signal_detected\"} 0.0");
    }

    @Test
    void everySloSeriesIsThereBeforeAnySliEvent() throws Exception {
        List<String> slos = new ArrayList<>();
        firebreak.getJson("/v1/slos").path("slos").forEach(slo -> slos.add(slo.path("name").asText()));
        assertThat(slos).hasSizeGreaterThan(4).allSatisfy(slo -> {
            List<String> burn = scrape.lines().filter(line -> line.startsWith("slo_burn_rate{") && line.contains("slo=\"" + slo + "\"")).toList();
            assertThat(burn).as(slo).hasSize(7).allSatisfy(line -> assertThat(line).endsWith(" NaN"));
            assertThat(scrape).containsPattern("slo_objective_ratio\\{[^}]*slo=\"" + slo + "\"} 0\\.\\d+")
                    .containsPattern("slo_sli_events_total\\{[^}]*result=\"good\",[^}]*slo=\"" + slo + "\"} 0\\.0");
        });
    }

    @Test
    void theJvmAndTheProcessAreThere() {
        assertThat(scrape).contains("jvm_memory_used_bytes{area=\"heap\"}").contains("jvm_threads_current")
                .contains("process_cpu_seconds_total").contains("process_start_time_seconds");
    }

    @Test
    void everyQueryOfTheGrafanaDashboardNamesASeriesOfTheScrape() throws IOException {
        Set<String> scraped = new TreeSet<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> scraped.add(line.split("[{ ]", 2)[0]));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).path("panels")) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }

        assertThat(queries).hasSizeGreaterThan(10).allSatisfy(query ->
                assertThat(seriesNamed(query)).as(query).isNotEmpty().allSatisfy(name -> assertThat(scraped).as(query).contains(name)));
    }

    @Test
    void seriesNamesAreReadFromAQueryWithoutItsFunctionsLabelsAndRanges() {
        assertThat(seriesNamed("histogram_quantile(0.99, sum by (le, endpoint) (rate(firebreak_ingest_write_duration_seconds_bucket[$__rate_interval])))"))
                .containsExactly("firebreak_ingest_write_duration_seconds_bucket");
        assertThat(seriesNamed("max by (slo) (slo_burn_rate{window=\"1h\"}) > 0 and on (slo) slo_objective_ratio"))
                .containsExactly("slo_burn_rate", "slo_objective_ratio");
    }

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    /** The series a PromQL query reads: identifiers that are not functions, aggregations, label names or keywords. */
    private static Set<String> seriesNamed(String query) {
        String bare = query.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            if (identifier.group(2) == null && !KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }
}

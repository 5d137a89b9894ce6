package io.firebreak.slo.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.firebreak.slo.burn.AlertKind;
import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.burn.AlertTier;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.config.SloDefinition;
import io.firebreak.slo.config.SloDefinitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rules as Prometheus itself reads them: {@code promtool check rules} accepts them, and
 * {@code promtool test rules} shows the page and ticket alerts firing on a real burn and staying quiet on a healthy service.
 */
class PrometheusRulesTest {

    private static final String SLOS = """
            slos:
              - name: checkout_availability
                service: checkout
                objective: 99.9
                source:
                  prometheus:
                    url: http://prometheus:9090
                    good: sum(increase(http_requests_total{service="checkout", code!~"5.."}[$interval]))
                    total: sum(increase(http_requests_total{service="checkout"}[$interval]))
              - name: trade_execution_latency
                service: trade-engine
                objective: 99.9
                indicator:
                  latency: { threshold: 10ms }
            """;

    private static final Pattern CLAUSE = Pattern.compile(
            "window=\"(\\w+)\"} > \\(([\\d.]+) \\* ([\\d.]+)\\)\\)\\s+and\\s+max without \\(window\\) \\(slo_sli_error_ratio\\{slo=\"checkout_availability\", window=\"(\\w+)\"}");

    private final List<SloDefinition> slos = SloDefinitions.parse(SLOS, "slos.yml");
    private final String rules = new PrometheusRules(AlertPolicy.defaults()).yaml(slos);

    @Test
    void promtoolAcceptsTheRulesAndOnlyThePrometheusSourcedSloIsInThem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yml"), rules);

        Result checked = promtool(dir, "check", "rules", file.toString());

        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("SUCCESS");
        assertThat(rules).contains("checkout_availability").doesNotContain("trade_execution_latency");
        assertThat(PrometheusRules.skipped(slos)).extracting(SloDefinition::name).containsExactly("trade_execution_latency");
    }

    @Test
    void eachAlertComparesBothWindowsOfEveryTierOfItsKindToTheTiersBurnRateTimesTheBudget() throws IOException {
        JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(rules).get("groups");
        List<JsonNode> alerts = new ArrayList<>();
        groups.forEach(group -> group.get("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.add(rule);
            }
        }));

        assertThat(alerts).hasSize(2);
        for (JsonNode alert : alerts) {
            AlertKind kind = AlertKind.valueOf(alert.at("/labels/alert").asText().toUpperCase(java.util.Locale.ROOT));
            List<String> expected = AlertPolicy.defaults().tiers().stream().filter(tier -> tier.kind() == kind)
                    .map(PrometheusRulesTest::clause).toList();
            List<String> found = new ArrayList<>();
            Matcher m = CLAUSE.matcher(alert.get("expr").asText());
            while (m.find()) {
                assertThat(m.group(3)).as("the 99.9 %% objective's budget").isEqualTo("0.001");
                found.add(m.group(1) + " & " + m.group(4) + " > " + m.group(2));
            }
            assertThat(found).as(alert.get("expr").asText()).containsExactlyElementsOf(expected);
            assertThat(alert.at("/labels/severity").asText()).isEqualTo(kind == AlertKind.PAGE ? "critical" : "high");
        }
        assertThat(groups.findValuesAsText("record")).contains("slo_sli_error_ratio", "slo_burn_rate", "slo_error_budget_remaining_ratio",
                "slo_objective_ratio", "slo_error_budget_ratio", "slo_period_seconds");
    }

    @Test
    void thePeriodIsRecordedInSecondsUnderTheNameFirebreaksOwnMetricsUse() throws IOException {
        JsonNode groups = new ObjectMapper(new YAMLFactory()).readTree(rules).get("groups");
        List<JsonNode> period = new ArrayList<>();
        groups.forEach(group -> group.get("rules").forEach(rule -> {
            if (rule.path("record").asText().startsWith("slo_period")) {
                period.add(rule);
            }
        }));

        assertThat(period).singleElement().satisfies(rule -> {
            assertThat(rule.get("record").asText()).isEqualTo("slo_period_seconds");
            assertThat(rule.get("expr").asText()).as("30 days").isEqualTo("vector(2592000)");
        });
    }

    /** "5m & 1h > 14.4": short window, long window, burn rate, as the expression spells them. */
    private static String clause(AlertTier tier) {
        String rate = java.math.BigDecimal.valueOf(tier.burnRate()).stripTrailingZeros().toPlainString();
        return Durations.label(tier.shortWindow()) + " & " + Durations.label(tier.longWindow()) + " > " + rate;
    }

    @Test
    void aTwoPercentErrorRatePagesAndTicketsWhileAHealthyServiceStaysQuiet(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rules.yml"), rules);
        // 2 % errors at 99.9 % is a 20x burn: above 14.4 on 1h and 5m (page) and above 3 on 24h and 2h (ticket)
        Path test = Files.writeString(dir.resolve("test.yml"), """
                rule_files: [rules.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'http_requests_total{service="checkout", code="200"}'
                        values: '0+980x90'
                      - series: 'http_requests_total{service="checkout", code="500"}'
                        values: '0+20x90'
                    alert_rule_test:
                      - eval_time: 70m
                        alertname: SloErrorBudgetBurn
                        exp_alerts:
                          - exp_labels: { slo: checkout_availability, service: checkout, severity: critical, alert: page, sloth_severity: page }
                            exp_annotations:
                              summary: checkout_availability is burning its error budget too fast (page)
                              title: (page) checkout checkout_availability SLO error budget burn rate is too high
                          - exp_labels: { slo: checkout_availability, service: checkout, severity: high, alert: ticket, sloth_severity: ticket }
                            exp_annotations:
                              summary: checkout_availability is burning its error budget too fast (ticket)
                              title: (ticket) checkout checkout_availability SLO error budget burn rate is too high
                  - interval: 1m
                    input_series:
                      - series: 'http_requests_total{service="checkout", code="200"}'
                        values: '0+9995x90'
                      - series: 'http_requests_total{service="checkout", code="500"}'
                        values: '0+5x90'
                    alert_rule_test:
                      - eval_time: 70m
                        alertname: SloErrorBudgetBurn
                        exp_alerts: []
                """);

        Result tested = promtool(dir, "test", "rules", test.toString());

        assertThat(tested.exitCode()).as(tested.output()).isZero();
    }

    @Test
    void aQueryWithoutTheIntervalRangeIsRefusedWithItsSlo() {
        List<SloDefinition> fixed = SloDefinitions.parse(SLOS.replace("[$interval]", "[5m]"), "slos.yml");

        assertThatThrownBy(() -> new PrometheusRules(AlertPolicy.defaults()).yaml(fixed))
                .hasMessageContaining("checkout_availability").hasMessageContaining("$interval");
    }

    @Test
    void anSloNameIsEscapedAsAPromQlString() {
        assertThat(PrometheusRules.escape("a\"b\\c")).isEqualTo("a\\\"b\\\\c");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(Path dir, String... args) throws IOException, InterruptedException {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
                .map(p -> Path.of(p, "promtool")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(promtool.isPresent(), "promtool not installed (apt-get install -y prometheus): rule check skipped");
        List<String> command = new ArrayList<>(List.of(promtool.get().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}

package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.BurnRate;
import io.firebreak.slo.config.Indicator;
import io.firebreak.slo.config.SloDefinition;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final SloMetrics metrics = new SloMetrics(registry);

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static BurnRate burn(String alert, Instant at) {
        return BurnRate.newBuilder().setSlo("trade_execution_latency").setService("trade-engine").setCluster("oci-fra-1")
                .setObjective(0.999).setPeriodSeconds(2_592_000).setBudgetRemaining(0.75)
                .setRates(Map.of("5m", 20.0, "1h", 15.0)).setGoodEvents(990).setTotalEvents(1000).setAlert(alert).setAt(at).build();
    }

    @Test
    void exportsTheContractSeriesWithSloServiceAndClusterLabels() throws IOException {
        metrics.update(burn("page", Instant.parse("2026-11-28T12:00:00Z")));
        metrics.dropped("trade_execution_latency", "trade-engine", 3);
        String text = scrape();
        String labels = "cluster=\"oci-fra-1\",service=\"trade-engine\",slo=\"trade_execution_latency\"";
        String cluster = "cluster=\"oci-fra-1\",";
        String rest = "service=\"trade-engine\",";
        String slo = "slo=\"trade_execution_latency\"";
        assertThat(text)
                .contains("slo_objective_ratio{" + labels + "} 0.999")
                .contains("slo_error_budget_ratio{" + labels + "} 0.001")
                .contains("slo_period_seconds{" + labels + "} 2592000.0")
                .contains("slo_error_budget_remaining_ratio{" + labels + "} 0.75")
                .contains("slo_burn_rate{" + labels + ",window=\"5m\"} 20.0")
                .contains("slo_burn_rate{" + labels + ",window=\"1h\"} 15.0")
                .contains("slo_sli_error_ratio{" + labels + ",window=\"5m\"} 0.02")
                .contains("slo_sli_events_total{" + cluster + "result=\"good\"," + rest + slo + "} 990.0")
                .contains("slo_sli_events_total{" + cluster + "result=\"bad\"," + rest + slo + "} 10.0")
                .contains("slo_sli_events_total{" + cluster + "result=\"dropped\"," + rest + slo + "} 3.0")
                .contains("alert_slo_burn_state{" + cluster + rest + "severity=\"page\"," + slo + "} 1.0")
                .contains("alert_slo_burn_state{" + cluster + rest + "severity=\"ticket\"," + slo + "} 0.0")
                .as("a window without events is no data, not a missing series").contains("slo_burn_rate{" + labels + ",window=\"30m\"} NaN");
    }

    @Test
    void everySeriesOfADeclaredSloIsThereBeforeItsFirstBurnRate() throws IOException {
        PrometheusRegistry fresh = new PrometheusRegistry();
        new SloMetrics(fresh, List.of(SloDefinition.ofLogs("checkout_availability", "checkout", 99.9, new Indicator.Availability(java.util.Set.of(), true, "status"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, fresh.scrape());
        String labels = "cluster=\"unknown\",service=\"checkout\",slo=\"checkout_availability\"";

        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text.lines().filter(line -> line.startsWith("slo_burn_rate{") || line.startsWith("slo_sli_error_ratio{")))
                .as("every standard window, and the period's error ratio").hasSize(15).allSatisfy(line -> assertThat(line).endsWith(" NaN"));
        assertThat(text).contains("slo_objective_ratio{" + labels + "} 0.999", "slo_period_seconds{" + labels + "} 2592000.0",
                "slo_error_budget_remaining_ratio{" + labels + "} NaN", "alert_slo_burn_state{cluster=\"unknown\",service=\"checkout\",severity=\"page\",slo=\"checkout_availability\"} 0.0",
                "slo_sli_events_total{cluster=\"unknown\",result=\"good\",service=\"checkout\",slo=\"checkout_availability\"} 0.0");
    }

    @Test
    void everySeriesMatchesTheFederationMatcher() throws IOException {
        metrics.update(burn("none", Instant.parse("2026-11-28T12:00:00Z")));
        assertThat(scrape().lines().filter(line -> !line.startsWith("#")))
                .isNotEmpty()
                .allMatch(line -> line.matches("^(coroot_|slo_|alert_).*"));
    }

    @Test
    void anOlderBurnRateDoesNotOverwriteANewerOne() throws IOException {
        metrics.update(burn("page", Instant.parse("2026-11-28T12:00:10Z")));
        metrics.update(burn("none", Instant.parse("2026-11-28T12:00:00Z")));
        assertThat(scrape()).contains("severity=\"page\",slo=\"trade_execution_latency\"} 1.0");
    }
}

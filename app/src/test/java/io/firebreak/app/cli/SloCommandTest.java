package io.firebreak.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.firebreak.app.FirebreakApplication;
import io.firebreak.app.FirebreakConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firebreak slo rules} through Dropwizard's command line: the SLOs named by a configuration, rules on stdout. */
class SloCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeEach
    void capture() {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    private Optional<Throwable> run(String... args) throws Exception {
        FirebreakApplication application = new FirebreakApplication();
        Bootstrap<FirebreakConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return new Cli(new JarLocation(getClass()), bootstrap, System.out, System.err).run(args);
    }

    @Test
    void printsRulesForThePrometheusSloOfTheConfigurationAndNamesTheLogSloItSkips(@TempDir Path dir) throws Exception {
        Path slos = Files.createDirectory(dir.resolve("slos"));
        Files.writeString(slos.resolve("checkout.yml"), """
                slo: { name: checkout_availability, service: checkout, objective: 99.95, source: { prometheus: { url: http://prometheus:9090,
                       good: 'sum(increase(http_requests_total{code!~"5.."}[$interval]))', total: 'sum(increase(http_requests_total[$interval]))' } } }
                """);
        Files.writeString(slos.resolve("trade.yml"), """
                slo: { name: trade_execution_latency, service: trade-engine, objective: 99.9, indicator: { latency: { threshold: 10ms } } }
                """);
        Path config = Files.writeString(dir.resolve("firebreak.yml"), "slos:\n  path: " + slos + "\n");

        assertThat(run("slo", "rules", "--config", config.toString())).isEmpty();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("groups:")
                .contains("firebreak-slo-alerts-checkout_availability")
                .contains("increase(http_requests_total[1h])")
                .contains("(14.4 * 0.0005)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped trade_execution_latency");
    }

    @Test
    void aBrokenSloFileIsItsLineNotAStackTrace(@TempDir Path dir) throws Exception {
        Path slo = Files.writeString(dir.resolve("bad.yml"), "slo:\n  name: x\n  service: y\n  objective: 200\n  indicator: { latency: { threshold: 1ms } }\n");

        assertThat(run("slo", "rules", "--slos", slo.toString())).isPresent();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yml:").doesNotContain("\tat io.");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("groups:");
    }
}

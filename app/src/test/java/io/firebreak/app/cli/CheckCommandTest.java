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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firebreak check} through Dropwizard's own command line, as a user runs it: every problem the server would meet
 * at start-up, one line each, and no stack trace.
 */
class CheckCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Optional<Throwable> check(Path config) throws Exception {
        return run("check", config);
    }

    /** {@code command CONFIG} as the jar's main would run it, the output kept. */
    private Optional<Throwable> run(String command, Path config) throws Exception {
        FirebreakApplication application = new FirebreakApplication();
        Bootstrap<FirebreakConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        bootstrap.addCommand(new CheckCommand());
        bootstrap.addCommand(new FirebreakServerCommand(application)); // what Application.run adds as "server"
        Cli cli = new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(command, config.toString());
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRouteToAnUnknownReceiverAndABrokenSloFileAreEachNamedWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path slos = Files.createDirectory(dir.resolve("slos"));
        Files.writeString(slos.resolve("broken.yml"), """
                slo:
                  name: checkout_availability
                  service: checkout
                  objective: 200
                """);
        Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                roles: [streams]
                routes:
                  - matchers: ['severity="critical"']
                    receivers: [pagerdutty]
                slos:
                  path: %s
                """.formatted(slos));

        Optional<Throwable> failed = check(config);

        assertThat(failed).isPresent();
        assertThat(errors()).contains("routes[0].receivers: unknown receiver 'pagerdutty'")
                .contains("broken.yml:").doesNotContain("\tat io.");
    }

    @Test
    void theBundledExampleSlosAndALowercaseSeverityRoutePass(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                roles: [streams, notifiers, api]
                routes:
                  - matchers: ['severity="critical"']
                    receivers: [pagerduty]
                slos:
                  path: classpath:examples/slos
                """);

        assertThat(check(config)).isEmpty();
        assertThat(errors()).isEmpty();
    }

    @Test
    void everyProblemOfEveryRouteIsLedByTheFileAndLineOfItsKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                roles: [streams]
                routes:
                  - matchers: ['severity="critical"']
                    receivers: [pagerdutty]
                  - matchers: ['service=~"(trade"']
                    receivers: [slack]
                """);

        assertThat(check(config)).isPresent();
        assertThat(errors()).contains(config + ":4: routes[0].receivers: unknown receiver 'pagerdutty'")
                .contains(config + ":5: routes[1].matchers: service=~\"(trade\": Unclosed group");
    }

    @Test
    void aBadDurationAndAnUnknownKeyAreNamedWithTheirLine(@TempDir Path dir) throws Exception {
        Path duration = Files.writeString(dir.resolve("duration.yml"), "roles: [streams]\ncorrelation:\n  window: 10xs\n");
        Path unknownKey = Files.writeString(dir.resolve("key.yml"), "roles: [notifiers]\nreceivers:\n  pagerduty:\n    routingkey: x\n");

        assertThat(check(duration)).isPresent();
        assertThat(check(unknownKey)).isPresent();
        assertThat(errors()).contains(duration + ":3: correlation.window: Invalid duration: 10xs (write e.g. 30s, 5m, 1h30m, 1w)")
                .contains(unknownKey + ":4: receivers.pagerduty.routingkey: unknown key (did you mean 'routingKey'?)")
                .doesNotContain("\tat ").doesNotContain("Source: UNKNOWN");
    }

    @Test
    void theServerRefusesWithTheSameLinesAsCheckAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                roles: [streams]
                correlation: { window: 1h30m }
                routes:
                  - matchers: ['severity="critical"']
                    receivers: [pagerdutty]
                """);
        assertThat(check(config)).isPresent();
        String checked = errors();
        err.reset();

        assertThat(run("server", config)).isPresent();

        assertThat(errors()).isEqualTo(checked).contains(config + ":5: routes[0].receivers: unknown receiver 'pagerdutty'")
                .doesNotContain("\tat ");
    }
}

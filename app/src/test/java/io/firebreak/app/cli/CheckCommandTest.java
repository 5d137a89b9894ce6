package io.firebreak.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.firebreak.app.FirebreakApplication;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.app.config.KafkaConfig;
import io.firebreak.app.kafka.KafkaAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firebreak check} (and {@code server}, {@code demo} where they fail) through Dropwizard's own command line, as a
 * user runs it: every problem the server would meet at start-up, one line each, and no stack trace.
 */
class CheckCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Optional<Throwable> check(Path config) throws Exception {
        return run("check", config.toString());
    }

    /** The command line as the jar's main would run it, the output kept. */
    private Optional<Throwable> run(String... arguments) throws Exception {
        FirebreakApplication application = new FirebreakApplication();
        Bootstrap<FirebreakConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        bootstrap.addCommand(new CheckCommand());
        bootstrap.addCommand(new FirebreakServerCommand(application)); // what Application.run adds as "server"
        Cli cli = new Cli(new JarLocation(getClass()), bootstrap, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(arguments);
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
    void everyBadLogAlertRuleIsNamedWithTheLineOfItsKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                roles: [streams]
                logAlerts:
                  - name: RiskLimitRejections
                    service: risk-service
                    match: { status: RISK_LIMIT }
                    threshold: { count: 50, within: 2h }
                    severity: HIGH
                  - name: PaymentDeclines
                    match: { status: [DECLINED, REJECTED] }
                    threshold: { count: 5, within: 5m }
                    severity: urgent
                  - name: RiskLimitRejections
                    match: { level: ERROR }
                    threshold: { count: 5, within: 1m }
                    severity: LOW
                """);

        assertThat(check(config)).isPresent();
        assertThat(errors()).contains(config + ":6: logAlerts[0].threshold.within: must be between 10s and 1h, was 2h (rule RiskLimitRejections)")
                .contains(config + ":11: logAlerts[1].severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, was 'urgent' (rule PaymentDeclines)")
                .contains(config + ":12: logAlerts[2].name: 'RiskLimitRejections' is also the name of logAlerts[0]")
                .doesNotContain("\tat ");
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

        assertThat(run("server", config.toString())).isPresent();

        assertThat(errors()).isEqualTo(checked).contains(config + ":5: routes[0].receivers: unknown receiver 'pagerdutty'")
                .doesNotContain("\tat ");
    }

    @Test
    void unreachableKafkaEndsStartUpWithOneLineWithinTheStartupTimeout(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("firebreak.yml"), """
                server:
                  applicationConnectors: [{ type: http, port: 0, bindHost: 127.0.0.1 }]
                  adminConnectors: [{ type: http, port: 0, bindHost: 127.0.0.1 }]
                logging: { level: WARN }
                roles: [api]
                kafka: { bootstrapServers: "127.0.0.1:%d", startupTimeout: 2s, stateDir: "%s" }
                """.formatted(closedPort, dir.resolve("state")));
        long started = System.nanoTime();

        Optional<Throwable> failed = run("server", config.toString());

        assertThat(failed).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 2 s startup timeout, plus Dropwizard's bootstrap").isLessThan(Duration.ofSeconds(15));
        assertThat(errors().strip()).startsWith("Kafka unreachable at bootstrap.servers=127.0.0.1:" + closedPort + " (no answer within 2 s)")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void anUnreachableSchemaRegistryIsOneLineNamingIt() throws Exception {
        KafkaConfig kafka = new KafkaConfig();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            kafka.schemaRegistryUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }

        assertThatThrownBy(() -> KafkaAccess.requireRegistry(kafka.registryClient(), kafka.schemaRegistryUrl))
                .isInstanceOf(KafkaAccess.RefusedException.class)
                .hasMessageStartingWith("Schema Registry unreachable at " + kafka.schemaRegistryUrl)
                .hasNoCause();
    }

    @Test
    void eachDemoRunPlaysItsStormOnAClusterOfItsOwn() throws Exception {
        String bundled = ReplayCommand.bundled("/scenarios/db-cascade.json");

        String played = DemoCommand.withFreshCluster(bundled, Clock.fixed(Instant.parse("2026-12-01T23:57:42Z"), ZoneOffset.UTC));

        assertThat(bundled).contains("oci-fra-1");
        assertThat(played).doesNotContain("oci-fra-1").contains("\"demo-20261201-235742\"");
    }

    @Test
    void aDemoThatCannotReachFirebreakSaysSoInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThat(run("demo", "--url", "http://127.0.0.1:" + closedPort, "--token", "t", "--wait", "1")).isPresent();

        assertThat(errors().strip()).startsWith("demo failed: cannot reach firebreak at http://127.0.0.1:" + closedPort)
                .doesNotContain("\n").doesNotContain("\tat ");
    }
}

package io.firebreak.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.firebreak.app.replay.Expectations;
import io.firebreak.app.replay.FirebreakClient;
import io.firebreak.app.replay.Scenario;
import io.firebreak.app.replay.ScenarioReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code replay <scenario.json> [--url U] [--token T] [--speed X] [--wait S]}: the incident simulation. Plays a
 * scenario against a running firebreak, then prints pass or fail for each expectation with what was seen, and exits
 * non-zero when one fails — so it runs in a pipeline as the "alerts routed correctly" check.
 */
public class ReplayCommand extends Command {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ReplayCommand() {
        this("replay", "Replays an incident scenario against a running firebreak and checks the expected outcome");
    }

    protected ReplayCommand(String name, String description) {
        super(name, description);
    }

    @Override
    public void configure(Subparser subparser) {
        addScenarioArgument(subparser);
        subparser.addArgument("--url").setDefault("http://127.0.0.1:8080").help("firebreak's application URL (default http://127.0.0.1:8080)");
        subparser.addArgument("--token").help("ingest bearer token (default $FIREBREAK_INGEST_TOKEN)");
        subparser.addArgument("--speed").type(Double.class).setDefault(defaultSpeed()).help("time compression of the waits between steps");
        subparser.addArgument("--wait").type(Integer.class).setDefault(120).help("seconds to wait for the expected outcome (default 120)");
    }

    protected void addScenarioArgument(Subparser subparser) {
        subparser.addArgument("scenario").help("scenario file (format: examples/scenarios/README.md)");
    }

    protected double defaultSpeed() {
        return 1.0;
    }

    protected String scenarioText(Namespace namespace) throws IOException {
        return Files.readString(Path.of(namespace.getString("scenario")), StandardCharsets.UTF_8);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        String token = Optional.ofNullable(namespace.getString("token")).or(() -> Optional.ofNullable(System.getenv("FIREBREAK_INGEST_TOKEN")))
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("no ingest token: pass --token or set FIREBREAK_INGEST_TOKEN"));
        Scenario scenario = Scenario.parse(JSON, scenarioText(namespace));
        FirebreakClient client = new FirebreakClient(URI.create(namespace.getString("url")), token, JSON);
        Instant start = new ScenarioReplayer(client, namespace.getDouble("speed"), System.out, Clock.systemUTC()).replay(scenario);

        Duration wait = Duration.ofSeconds(namespace.getInt("wait"));
        Instant deadline = Instant.now().plus(wait);
        List<Expectations.Check> checks;
        Instant nextProgress = Instant.now();
        do {
            checks = Expectations.check(scenario.expect(), client.incidents(Optional.empty()), start);
            if (checks.stream().allMatch(Expectations.Check::passed) || Instant.now().isAfter(deadline)) {
                break;
            }
            if (!Instant.now().isBefore(nextProgress)) { // a silent wait of minutes looks like a hang
                System.out.printf("waiting for the outcome: %d of %d expectations met, %d s left%n",
                        checks.stream().filter(Expectations.Check::passed).count(), checks.size(),
                        Duration.between(Instant.now(), deadline).toSeconds());
                nextProgress = Instant.now().plusSeconds(5);
            }
            Thread.sleep(1000);
        } while (true);

        System.out.println("expectations of " + scenario.name() + ":");
        checks.forEach(check -> System.out.println("  " + check));
        long failed = checks.stream().filter(c -> !c.passed()).count();
        System.out.printf("%d of %d expectations met%n", checks.size() - failed, checks.size());
        if (failed > 0) {
            throw new ScenarioFailedException(failed + " expectation(s) of " + scenario.name() + " not met");
        }
    }

    /**
     * Whatever stops a replay (an expectation not met, firebreak not reachable, a refused token) is one line and exit
     * status 1, not a stack trace.
     */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        Throwable reason = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String detail = reason.getMessage() == null || reason.getMessage().isBlank() ? reason.getClass().getSimpleName() : reason.getMessage();
        if (reason instanceof java.net.ConnectException) {
            detail = "cannot reach firebreak at " + namespace.getString("url") + " (" + detail + "): is it running? (./firebreak standalone)";
        }
        cli.getStdErr().println(getName() + " failed: " + detail);
    }

    /** A failed expectation: Dropwizard's CLI prints it and exits 1. */
    static final class ScenarioFailedException extends Exception {
        ScenarioFailedException(String message) {
            super(message);
        }
    }

    static String bundled(String resource) throws IOException {
        try (InputStream in = ReplayCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("bundled scenario " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.firebreak.app.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code demo [--scenario db-cascade|bad-deploy] [--url U] [--token T] [--speed X]}: plays one of the bundled
 * scenarios against a running instance (by default the standalone one), 10 times faster than real time, so a new
 * user sees an alert storm become one incident. Each run gets a cluster label of its own ({@code demo-<time>}): an
 * incident the user opened before (the README's first alert is on {@code oci-fra-1}) or an earlier demo cannot absorb
 * the storm, so the expectations hold on any instance.
 */
public final class DemoCommand extends ReplayCommand {

    private static final String BUNDLED_CLUSTER = "oci-fra-1";

    public DemoCommand() {
        super("demo", "Plays a scripted alert storm against a running firebreak (default: the standalone one)");
    }

    @Override
    protected void addScenarioArgument(Subparser subparser) {
        subparser.addArgument("--scenario").choices("db-cascade", "bad-deploy").setDefault("db-cascade")
                .help("bundled scenario to play (default db-cascade)");
    }

    @Override
    protected double defaultSpeed() {
        return 10.0;
    }

    @Override
    protected String scenarioText(Namespace namespace) throws IOException {
        return withFreshCluster(bundled("/scenarios/" + namespace.getString("scenario") + ".json"), Clock.systemUTC());
    }

    /** The scenario with its cluster ({@code oci-fra-1} in the bundled ones) replaced by a label used by no one else. */
    static String withFreshCluster(String scenario, Clock clock) {
        String label = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        System.out.println("demo cluster: " + label + " (a label of this run's own, so no earlier incident absorbs its storm)");
        return scenario.replace(BUNDLED_CLUSTER, label);
    }
}

package io.firebreak.app.cli;

import java.io.IOException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code demo [--scenario db-cascade|bad-deploy] [--url U] [--token T] [--speed X]}: plays one of the bundled
 * scenarios against a running instance (by default the standalone one), 10 times faster than real time, so a new
 * user sees an alert storm become one incident.
 */
public final class DemoCommand extends ReplayCommand {

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
        return bundled("/scenarios/" + namespace.getString("scenario") + ".json");
    }
}

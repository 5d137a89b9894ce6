package io.firebreak.app.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.app.config.ConfigurationErrors;
import io.firebreak.app.config.StartupChecks;
import java.nio.file.Path;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code check CONFIG}: the validation the server runs at start-up ({@link StartupChecks}: routes and receivers,
 * matchers, SLO files, the postmortem template, after Dropwizard's own parsing and validation), without starting
 * anything or connecting to Kafka. Prints every problem, one per line led by {@code file:line:}, and exits 1; or its
 * warnings (a configured receiver no route reaches) and a one-line summary.
 */
public final class CheckCommand extends ConfiguredCommand<FirebreakConfiguration> {

    public CheckCommand() {
        super("check", "Checks a configuration as the server would, without starting anything (exit 1 on any problem)");
    }

    @Override
    protected void run(Bootstrap<FirebreakConfiguration> bootstrap, Namespace namespace, FirebreakConfiguration config) {
        StartupChecks.requireNone(config);
        Optional<Path> file = ConfigurationErrors.file(namespace.getString("file"));
        StartupChecks.warnings(config).forEach(warning -> System.out.println("warning: " + ConfigurationErrors.located(warning, file)));
        System.out.printf("configuration OK: %d route(s), SLOs from %s%n", config.routes.size(),
                config.slos.path.isBlank() ? "(none)" : config.slos.path);
    }

    /** A refused configuration is its problems, not a stack trace: the YAML's own errors and those of StartupChecks. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!ConfigurationErrors.print(cli.getStdErr(), e, ConfigurationErrors.file(namespace.getString("file")))) {
            cli.getStdErr().println(e.getMessage());
        }
    }
}

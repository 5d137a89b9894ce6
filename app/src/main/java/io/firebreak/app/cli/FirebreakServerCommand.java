package io.firebreak.app.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.app.config.ConfigurationErrors;
import io.firebreak.app.config.StartupChecks;
import io.firebreak.app.kafka.KafkaAccess;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code server}, except that a configuration the server refuses (Dropwizard's parsing and validation,
 * {@link StartupChecks}) ends in its problems, one per line with {@code file:line:}, as {@code check} prints them,
 * instead of a stack trace that buries them.
 */
public class FirebreakServerCommand extends ServerCommand<FirebreakConfiguration> {

    public FirebreakServerCommand(Application<FirebreakConfiguration> application) {
        super(application);
    }

    protected FirebreakServerCommand(Application<FirebreakConfiguration> application, String name, String description) {
        super(application, name, description);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof KafkaAccess.RefusedException refused) {
            cli.getStdErr().println(refused.getMessage());
        } else if (!ConfigurationErrors.print(cli.getStdErr(), e, ConfigurationErrors.file(namespace.getString("file")))) {
            super.onError(cli, namespace, e);
        }
    }
}

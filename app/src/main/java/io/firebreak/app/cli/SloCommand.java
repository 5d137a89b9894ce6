package io.firebreak.app.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.app.config.BundledPath;
import io.firebreak.slo.burn.AlertPolicy;
import io.firebreak.slo.config.SloDefinition;
import io.firebreak.slo.config.SloDefinitions;
import io.firebreak.slo.rules.PrometheusRules;
import java.io.File;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code slo rules [--config firebreak.yml | --slos PATH]}: prints a Prometheus rule file (recording rules and the multiwindow
 * page/ticket alerts) for the SLOs whose SLI is a Prometheus query pair, to stdout so it pipes into {@code promtool check rules}
 * or a ConfigMap. Log-sourced SLOs are named on stderr: only firebreak can compute them.
 */
public final class SloCommand extends Command {

    public SloCommand() {
        super("slo", "SLO tools: 'slo rules' prints Prometheus recording and burn-rate alerting rules");
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers tools = subparser.addSubparsers().dest("slo_tool").title("tools");
        Subparser rules = tools.addParser("rules").help("prints Prometheus rules for the Prometheus-sourced SLOs (Sloth's shape, slo_* names)");
        rules.addArgument("--config").setDefault("firebreak.yml").help("firebreak configuration whose slos.path names the SLOs (default firebreak.yml)");
        rules.addArgument("--slos").help("an SLO file or folder, instead of the configuration's slos.path");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        List<SloDefinition> slos = SloDefinitions.load(BundledPath.resolve(slosPath(bootstrap, namespace)));
        PrometheusRules.skipped(slos).forEach(slo -> System.err.println("skipped " + slo.name()
                + ": its SLI comes from firebreak's logs topic, which Prometheus cannot query (federate firebreak's /metrics instead)"));
        System.out.print(new PrometheusRules(AlertPolicy.defaults()).yaml(slos));
    }

    private static String slosPath(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if (namespace.getString("slos") != null) {
            return namespace.getString("slos");
        }
        // the configuration as the server reads it: ${ENV} substitution and the same strict parsing
        @SuppressWarnings("unchecked")
        Bootstrap<FirebreakConfiguration> firebreak = (Bootstrap<FirebreakConfiguration>) bootstrap;
        FirebreakConfiguration config = firebreak.getConfigurationFactoryFactory()
                .create(FirebreakConfiguration.class, firebreak.getValidatorFactory().getValidator(), firebreak.getObjectMapper(), "dw")
                .build(firebreak.getConfigurationSourceProvider(), new File(namespace.getString("config")).getPath());
        if (config.slos.path.isBlank()) {
            throw new IllegalArgumentException(namespace.getString("config") + " names no SLOs (slos.path is empty): pass --slos PATH");
        }
        return config.slos.path;
    }

    /** A bad SLO file or configuration is its message (file:line for SLO files), not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println(e.getMessage());
    }
}

package io.firebreak.app.config;

import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.core.channel.Receiver;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.slo.config.SloDefinitions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything about a configuration the server would refuse at start-up, found without connecting to anything: routes
 * (receivers, matchers), the log alert rules, the correlation and ingest settings, the postmortem template and the SLO
 * files. Dropwizard's own validation only sees the YAML's shape, so before this a route to {@code pagerdutty} or a broken
 * SLO file passed {@code check} and failed the server. {@code check} prints these problems; the server refuses to start with the same
 * lines.
 */
public final class StartupChecks {

    private StartupChecks() {
    }

    /** Every problem, one line each (an SLO problem as {@code file:line: message}); empty when the server would start. */
    public static List<String> problems(FirebreakConfiguration config) {
        List<String> problems = new ArrayList<>();
        attempt(problems, config::correlationSettings);
        if (config.runs(Role.INGEST)) {
            attempt(problems, () -> {
                List<ApiToken> tokens = config.auth.effectiveTokens(config.ingest);
                if (tokens.isEmpty()) {
                    throw new IllegalArgumentException("auth.tokens / ingest.tokens: no token configured (set FIREBREAK_INGEST_TOKEN); "
                            + "the write endpoints refuse to run without authentication");
                }
                config.ingest.build(tokens, config.callbacks);
            });
        }
        attempt(problems, config.postmortem::markdown);
        attempt(problems, config.postmortem::build);
        attempt(problems, () -> LogAlertConfig.rules(config.logAlerts));
        if (!config.slos.path.isBlank()) {
            attempt(problems, () -> SloDefinitions.load(BundledPath.resolve(config.slos.path)));
        }
        return problems;
    }

    /**
     * What would start but is probably not meant: a receiver given credentials that no route reaches (its pages would
     * never be sent). One line each, led by the receiver's key; {@code check} prints them, the server logs them.
     */
    public static List<String> warnings(FirebreakConfiguration config) {
        Set<Receiver> reached = EnumSet.noneOf(Receiver.class);
        try {
            config.routeTable().routes().forEach(route -> reached.addAll(route.receivers()));
        } catch (RuntimeException e) {
            return List.of(); // a broken route table is a problem, reported as such
        }
        List<String> warnings = new ArrayList<>();
        for (Receiver receiver : config.receivers.configured()) {
            if (!reached.contains(receiver)) {
                warnings.add("receivers." + receiver.id() + ": configured, but no route reaches it: it will never be notified");
            }
        }
        return warnings;
    }

    /** The problems as one exception, for the server's start-up. */
    public static void requireNone(FirebreakConfiguration config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    private static void attempt(List<String> problems, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            problems.addAll(e.getMessage() == null ? List.of(e.toString()) : List.of(e.getMessage().split("\n")));
        }
    }

    /** A configuration the server refuses; its message is the problems, one per line. */
    public static final class InvalidConfigurationException extends IllegalStateException {
        private final List<String> problems;

        InvalidConfigurationException(List<String> problems) {
            super("invalid configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}

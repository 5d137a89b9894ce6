package io.firebreak.app.config;

import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.core.channel.Receiver;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.postmortem.render.MarkdownRenderer;
import io.firebreak.slo.config.SloDefinition;
import io.firebreak.slo.config.SloDefinitions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything about a configuration the server would refuse at start-up, found without connecting to anything: routes
 * (receivers, matchers), the log alert rules, the correlation and ingest settings, the postmortem template and the SLO
 * files. Dropwizard's own validation only sees the YAML's shape, so before this a route to {@code pagerdutty} or a broken
 * SLO file passed {@code check} and failed the server. {@code check} prints these problems; the server refuses to start
 * with the same lines. The files are read once: the server runs on what the checks read ({@link Loaded}), not on a
 * second reading.
 */
public final class StartupChecks {

    private StartupChecks() {
    }

    /** What start-up reads from files, read once and checked: the postmortem template, compiled, and the SLO definitions. */
    public record Loaded(MarkdownRenderer markdown, List<SloDefinition> slos) {
    }

    /** Every problem, one line each (an SLO problem as {@code file:line: message}); empty when the server would start. */
    public static List<String> problems(FirebreakConfiguration config) {
        List<String> problems = new ArrayList<>();
        check(config, problems);
        return problems;
    }

    /** Adds every problem to {@code problems}; what the files held when they hold none. */
    private static Optional<Loaded> check(FirebreakConfiguration config, List<String> problems) {
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
        Optional<MarkdownRenderer> markdown = load(problems, config.postmortem::markdown);
        attempt(problems, config.postmortem::build);
        attempt(problems, () -> LogAlertConfig.rules(config.logAlerts));
        Optional<List<SloDefinition>> slos = config.slos.path.isBlank() ? Optional.of(List.of())
                : load(problems, () -> SloDefinitions.load(BundledPath.resolve(config.slos.path)));
        return markdown.isPresent() && slos.isPresent() ? Optional.of(new Loaded(markdown.get(), slos.get())) : Optional.empty();
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

    /** The problems as one exception, for the server's start-up; without any, what the files held, for the server to run on. */
    public static Loaded requireNone(FirebreakConfiguration config) {
        List<String> problems = new ArrayList<>();
        Optional<Loaded> loaded = check(config, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return loaded.orElseThrow();
    }

    private static void attempt(List<String> problems, Runnable step) {
        load(problems, () -> {
            step.run();
            return true;
        });
    }

    private static <T> Optional<T> load(List<String> problems, Supplier<T> step) {
        try {
            return Optional.of(step.get());
        } catch (RuntimeException e) {
            problems.addAll(e.getMessage() == null ? List.of(e.toString()) : List.of(e.getMessage().split("\n")));
            return Optional.empty();
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

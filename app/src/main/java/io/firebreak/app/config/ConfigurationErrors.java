package io.firebreak.app.config;

import io.dropwizard.configuration.ConfigurationParsingException;
import io.dropwizard.configuration.ConfigurationValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A refused configuration as {@code check} and the server print it: one line per problem, each led by
 * {@code file:line:} of the key it is about — whether Dropwizard's parsing (an unknown key, a bad duration), its
 * validation ({@code kafka.partitions must be ...}) or {@link StartupChecks} found it. SLO problems name their own
 * file and line. Never a stack trace.
 */
public final class ConfigurationErrors {

    /** A problem that starts with the key it is about: {@code routes[0].receivers: ...}, {@code kafka.partitions must ...}. */
    private static final Pattern KEYED = Pattern.compile("^([A-Za-z][\\w-]*(?:\\[\\d+])?(?:\\.[A-Za-z][\\w-]*(?:\\[\\d+])?)*)[: ]");
    private static final Pattern PARSING_AT = Pattern.compile("(?:Failed to parse configuration|Unrecognized field) at: ([^;\\s]+);?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern PROBLEM = Pattern.compile("problem: (.*?)(?:\\n| at \\[Source|$)", Pattern.DOTALL);
    private static final Pattern SUGGESTION = Pattern.compile("^\\s*- (\\S+)", Pattern.MULTILINE);

    private ConfigurationErrors() {
    }

    /** The lines for {@code error}, or empty when it is not a configuration problem (e.g. Kafka unreachable). */
    public static Optional<List<String>> describe(Throwable error, Optional<Path> file) {
        List<String> problems = new ArrayList<>();
        if (error instanceof StartupChecks.InvalidConfigurationException invalid) {
            problems.addAll(invalid.problems());
        } else if (error instanceof ConfigurationValidationException invalid) {
            invalid.getConstraintViolations().forEach(violation -> problems.add(violation.getPropertyPath() + " " + violation.getMessage()));
        } else if (error instanceof ConfigurationParsingException parsing) {
            parsing.getErrors().forEach(text -> problems.add(parsingProblem(text)));
            if (problems.isEmpty()) {
                problems.add(String.valueOf(parsing.getMessage()).strip());
            }
        } else {
            return Optional.empty();
        }
        Map<String, Integer> lines = file.map(ConfigurationErrors::keyLines).orElse(Map.of());
        return Optional.of(problems.stream().map(problem -> located(problem, file, lines)).toList());
    }

    /**
     * What {@code check} and the server print for a refused configuration: a header, then each problem on its own
     * line; false when {@code error} is not about the configuration (the caller reports it its own way).
     */
    public static boolean print(PrintWriter out, Throwable error, Optional<Path> file) {
        Optional<List<String>> problems = describe(error, file);
        problems.ifPresent(lines -> {
            out.println("invalid configuration:");
            lines.forEach(line -> out.println("  " + line));
        });
        return problems.isPresent();
    }

    /** The configuration file a command was given, when it is one (the standalone may run on its defaults alone). */
    public static Optional<Path> file(String argument) {
        return Optional.ofNullable(argument).map(Path::of).filter(Files::isRegularFile);
    }

    /** {@code file:line: problem} for a problem (or warning) about a key of {@code file}. */
    public static String located(String problem, Optional<Path> file) {
        return located(problem, file, file.map(ConfigurationErrors::keyLines).orElse(Map.of()));
    }

    /** {@code file:line: problem} for a problem about a key of {@code file}. */
    static String located(String problem, Optional<Path> file, Map<String, Integer> lines) {
        Matcher key = KEYED.matcher(problem);
        if (file.isEmpty() || !key.find()) {
            return problem;
        }
        for (String path = key.group(1); !path.isEmpty(); path = parent(path)) {
            Integer line = lines.get(path);
            if (line != null) {
                return file.get() + ":" + line + ": " + problem;
            }
        }
        return file.get() + ": " + problem;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** Dropwizard's "Failed to parse configuration at: x; Cannot construct ..., problem: Invalid duration: 10xs ..." as "x: Invalid duration: 10xs". */
    private static String parsingProblem(String text) {
        Matcher at = PARSING_AT.matcher(text.strip());
        if (!at.matches()) {
            return text.strip().lines().findFirst().orElse(text);
        }
        if (text.contains("Unrecognized field")) {
            Matcher suggestion = SUGGESTION.matcher(at.group(2));
            return at.group(1) + ": unknown key" + (suggestion.find() ? " (did you mean '" + suggestion.group(1) + "'?)" : "");
        }
        Matcher problem = PROBLEM.matcher(at.group(2));
        return at.group(1) + ": " + (problem.find() ? problem.group(1).strip() : at.group(2).lines().findFirst().orElse("").strip());
    }

    /** Each key and list item of the YAML file (as written, before {@code ${VAR}} substitution) → its 1-based line. */
    static Map<String, Integer> keyLines(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml().compose(reader);
            if (root != null) {
                index(root, "", lines);
            }
        } catch (IOException | RuntimeException e) {
            // a file YAML cannot read is Dropwizard's to report; its problems then go without a line
        }
        return lines;
    }

    private static void index(Node node, String path, Map<String, Integer> lines) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.putIfAbsent(child, key.getStartMark().getLine() + 1);
                    index(entry.getValueNode(), child, lines);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                lines.putIfAbsent(path + "[" + i + "]", item.getStartMark().getLine() + 1);
                index(item, path + "[" + i + "]", lines);
            }
        }
    }
}

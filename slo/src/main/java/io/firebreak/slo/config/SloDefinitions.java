package io.firebreak.slo.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads SLO definitions in the seed's YAML form from one file or a directory of {@code .yml}/{@code .yaml} files.
 * A file (or each {@code ---} document of it) holds either {@code slo: {...}} or {@code slos: [{...}, ...]}:
 * <pre>
 * slo:
 *   name: trade_execution_latency      # required, unique across all files
 *   service: trade-engine              # required: log records of this service are its events
 *   objective: 99.9                    # percent, in (0, 100); optional for latency with a percentile
 *   period: 30d                        # optional, default 30d
 *   cluster: oci-fra-1                 # optional, default: the cluster of the latest log record
 *   description: ...                   # optional
 *   indicator:                         # exactly one of:
 *     latency:      { threshold: 10ms, percentile: 99, field: latency_ms }
 *     errors:       { bad: [ERROR, REJECTED], field: status }
 *     availability: { bad: [ERROR, UNAVAILABLE, TIMEOUT], serverErrors: true, field: status }
 *     saturation:   { field: cpu_utilization, threshold: 0.70 }
 *   source:                            # optional, default logs
 *     prometheus: { url: http://prometheus:9090, good: '...', total: '...', interval: 30s, timeout: 5s }
 * </pre>
 * Every mistake of every file is reported at once in one {@link SloConfigException}, each as {@code file:line: message}.
 */
public final class SloDefinitions {

    private static final Set<String> ROOT_KEYS = Set.of("slo", "slos");
    private static final Set<String> SLO_KEYS = Set.of("name", "service", "objective", "period", "cluster", "description", "indicator", "source");
    private static final Set<String> INDICATORS = Set.of("latency", "errors", "availability", "saturation");
    private static final Set<String> SOURCES = Set.of("logs", "prometheus");
    private static final List<String> DEFAULT_UNAVAILABLE = List.of("ERROR", "UNAVAILABLE", "TIMEOUT");
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
    private static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(5);

    private SloDefinitions() {
    }

    /** Every SLO under {@code path} (a file, or a directory whose .yml/.yaml files are read in name order). */
    public static List<SloDefinition> load(Path path) {
        List<Path> files = filesOf(path);
        List<SloConfigException.Problem> problems = new ArrayList<>();
        List<SloDefinition> all = new ArrayList<>();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Problems fileProblems = new Problems(file.toString());
                all.addAll(read(reader, fileProblems));
                problems.addAll(fileProblems.all());
            } catch (IOException e) {
                problems.add(new SloConfigException.Problem(file.toString(), 0, "cannot read: " + e.getMessage()));
            }
        }
        problems.addAll(duplicates(all));
        if (!problems.isEmpty()) {
            throw new SloConfigException(problems);
        }
        return List.copyOf(all);
    }

    /** The SLOs of one YAML text; {@code name} stands for the file in messages. */
    public static List<SloDefinition> parse(String yaml, String name) {
        Problems problems = new Problems(name);
        List<SloDefinition> slos = read(new StringReader(yaml), problems);
        List<SloConfigException.Problem> all = new ArrayList<>(problems.all());
        all.addAll(duplicates(slos));
        if (!all.isEmpty()) {
            throw new SloConfigException(all);
        }
        return slos;
    }

    private static List<Path> filesOf(Path path) {
        if (!Files.exists(path)) {
            throw new SloConfigException(List.of(new SloConfigException.Problem(path.toString(), 0, "no such file or directory")));
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".yml") || file.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list SLO directory " + path, e);
        }
    }

    private static List<SloDefinition> read(Reader reader, Problems problems) {
        List<SloDefinition> slos = new ArrayList<>();
        for (YamlNode document : YamlTrees.parse(reader, problems)) {
            if (document instanceof YamlNode.ScalarNode scalar && scalar.text() == null) {
                continue; // an empty document
            }
            MapReader.of(document, "the file", ROOT_KEYS, problems).ifPresent(root -> {
                if (root.has("slo") == root.has("slos")) {
                    problems.add(root.line(), "a file holds either 'slo:' (one SLO) or 'slos:' (a list of SLOs)");
                }
                root.node("slo").flatMap(node -> slo(node, "slo", problems)).ifPresent(slos::add);
                root.node("slos").ifPresent(node -> {
                    if (node instanceof YamlNode.ListNode list) {
                        for (int i = 0; i < list.items().size(); i++) {
                            slo(list.items().get(i), "slos[" + i + "]", problems).ifPresent(slos::add);
                        }
                    } else {
                        problems.add(node.line(), "slos must be a list, not " + node.kind());
                    }
                });
            });
        }
        return slos;
    }

    private static Optional<SloDefinition> slo(YamlNode node, String where, Problems problems) {
        int before = problems.count();
        Optional<MapReader> read = MapReader.of(node, where, SLO_KEYS, problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MapReader slo = read.get();
        Optional<String> name = slo.requiredString("name");
        Optional<String> service = slo.requiredString("service");
        Duration period = slo.duration("period").orElse(SloDefinition.DEFAULT_PERIOD);
        if (period.compareTo(Duration.ofHours(1)) < 0) {
            slo.problem("period", where + ".period must be at least 1h, not " + Durations.label(period));
        }
        Optional<String> cluster = slo.string("cluster");
        String description = slo.string("description").orElse("");
        Optional<SliSource> source = source(slo);
        Optional<Double> objective = slo.number("objective");
        if (objective.isEmpty() && !slo.has("objective")) {
            objective = source.flatMap(SloDefinitions::percentileOf);
            if (objective.isEmpty()) {
                slo.required("objective");
            }
        }
        objective.ifPresent(value -> {
            if (!(value > 0 && value < 100)) {
                slo.problem("objective", where + ".objective must be a percentage in (0, 100), not " + format(value));
            } else if (value < 1) {
                slo.problem("objective", where + ".objective " + format(value) + " looks like a ratio; write it in percent (e.g. 99.9)");
            }
        });
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new SloDefinition(name.orElseThrow(), service.orElseThrow(), SloDefinition.ratio(objective.orElseThrow()),
                period, source.orElseThrow(), cluster, description, problems.file() + ":" + node.line()));
    }

    private static Optional<Double> percentileOf(SliSource source) {
        return source instanceof SliSource.Logs logs && logs.indicator() instanceof Indicator.Latency latency
                ? latency.percentile() : Optional.empty();
    }

    private static Optional<SliSource> source(MapReader slo) {
        Optional<YamlNode> sourceNode = slo.node("source");
        boolean prometheus = false;
        Optional<SliSource> fromSource = Optional.empty();
        if (sourceNode.isPresent()) {
            YamlNode node = sourceNode.get();
            if (node instanceof YamlNode.ScalarNode scalar && "logs".equals(scalar.text())) {
                prometheus = false;
            } else {
                Optional<MapReader> source = MapReader.of(node, slo.where() + ".source", SOURCES, slo.problems());
                if (source.isPresent()) {
                    prometheus = source.get().has("prometheus");
                    if (source.get().has("logs") && prometheus) {
                        slo.problem("source", slo.where() + ".source must be either logs or prometheus, not both");
                    }
                    fromSource = source.get().node("prometheus").flatMap(p -> prometheus(p, slo.where() + ".source.prometheus", slo.problems()));
                }
            }
        }
        if (prometheus) {
            if (slo.has("indicator")) {
                slo.problem("indicator", slo.where() + ".indicator does not apply to a prometheus source: its good/total queries are the indicator");
                return Optional.empty();
            }
            return fromSource;
        }
        return slo.required("indicator").flatMap(node -> indicator(node, slo.where() + ".indicator", slo.problems())).map(SliSource.Logs::new);
    }

    private static Optional<SliSource> prometheus(YamlNode node, String where, Problems problems) {
        return MapReader.of(node, where, Set.of("url", "good", "total", "interval", "timeout"), problems).flatMap(p -> {
            Optional<URI> url = p.requiredString("url").flatMap(text -> {
                try {
                    URI uri = new URI(text);
                    if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
                        return Optional.of(uri);
                    }
                } catch (URISyntaxException e) {
                    // reported below
                }
                p.problem("url", where + ".url must be an http(s) URL, not '" + text + "'");
                return Optional.empty();
            });
            Optional<String> good = p.requiredString("good");
            Optional<String> total = p.requiredString("total");
            Duration interval = p.duration("interval").orElse(DEFAULT_POLL_INTERVAL);
            Duration timeout = p.duration("timeout").orElse(DEFAULT_POLL_TIMEOUT);
            if (url.isEmpty() || good.isEmpty() || total.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SliSource.Prometheus(url.get(), good.get(), total.get(), interval, timeout));
        });
    }

    private static Optional<Indicator> indicator(YamlNode node, String where, Problems problems) {
        Optional<MapReader> read = MapReader.of(node, where, INDICATORS, problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MapReader indicator = read.get();
        List<String> kinds = INDICATORS.stream().filter(indicator::has).sorted().toList();
        if (kinds.size() != 1) {
            problems.add(indicator.line(), where + " must hold exactly one of: availability, errors, latency, saturation"
                    + (kinds.isEmpty() ? "" : " (found " + String.join(", ", kinds) + ")"));
            return Optional.empty();
        }
        String kind = kinds.get(0);
        YamlNode body = indicator.node(kind).orElseThrow();
        String at = where + "." + kind;
        return switch (kind) {
            case "latency" -> MapReader.of(body, at, Set.of("threshold", "percentile", "field"), problems).flatMap(l -> {
                Optional<Duration> threshold = l.requiredDuration("threshold");
                Optional<Double> percentile = l.number("percentile");
                if (percentile.isPresent() && !(percentile.get() > 0 && percentile.get() < 100)) {
                    l.problem("percentile", at + ".percentile must be in (0, 100), not " + format(percentile.get()));
                    return Optional.empty();
                }
                String field = l.string("field").orElse("latency_ms");
                return threshold.map(t -> new Indicator.Latency(t, percentile, field));
            });
            case "errors" -> MapReader.of(body, at, Set.of("bad", "field"), problems).flatMap(e -> {
                if (!e.has("bad")) {
                    e.required("bad");
                }
                Optional<List<String>> bad = e.strings("bad");
                String field = e.string("field").orElse("status");
                return bad.map(statuses -> new Indicator.Errors(upper(statuses), field));
            });
            case "availability" -> MapReader.of(body, at, Set.of("bad", "serverErrors", "field"), problems).flatMap(a -> {
                List<String> bad = a.has("bad") ? a.strings("bad").orElse(List.of()) : DEFAULT_UNAVAILABLE;
                boolean serverErrors = a.bool("serverErrors").orElse(true);
                String field = a.string("field").orElse("status");
                return bad.isEmpty() ? Optional.empty() : Optional.of(new Indicator.Availability(upper(bad), serverErrors, field));
            });
            default -> MapReader.of(body, at, Set.of("field", "threshold"), problems).flatMap(s -> {
                Optional<String> field = s.requiredString("field");
                Optional<Double> threshold = s.requiredNumber("threshold");
                if (field.isEmpty() || threshold.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Indicator.Saturation(field.get(), threshold.get()));
            });
        };
    }

    private static List<SloConfigException.Problem> duplicates(List<SloDefinition> slos) {
        Map<String, SloDefinition> seen = new HashMap<>();
        List<SloConfigException.Problem> problems = new ArrayList<>();
        for (SloDefinition slo : slos) {
            SloDefinition first = seen.putIfAbsent(slo.name(), slo);
            if (first != null) {
                int colon = slo.origin().lastIndexOf(':');
                problems.add(new SloConfigException.Problem(slo.origin().substring(0, colon), Integer.parseInt(slo.origin().substring(colon + 1)),
                        "duplicate SLO name '" + slo.name() + "' (first defined at " + first.origin() + ")"));
            }
        }
        return problems;
    }

    private static Set<String> upper(List<String> statuses) {
        Set<String> out = new LinkedHashSet<>();
        statuses.forEach(status -> out.add(status.toUpperCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

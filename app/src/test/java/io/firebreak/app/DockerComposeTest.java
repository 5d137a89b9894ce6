package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.firebreak.app.cli.CheckCommand;
import io.firebreak.embedded.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, read as Docker Compose would (anchors and merge keys resolved, {@code ${VAR:-default}}
 * interpolated with an empty shell environment), since no Docker engine runs here: the whole stack is there, every
 * image pinned, every port on 127.0.0.1 only, every mounted file present, and every firebreak container's
 * configuration — the mounted file filled in with that container's environment — passes firebreak's own {@code check}.
 * Prometheus' and Alertmanager's files pass promtool and amtool where those are installed (.ci/run installs them).
 */
class DockerComposeTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");
    /** A version in the tag (v3.1.0, 8.0.0, 1.27.3-alpine), or a digest: never latest, never a moving major. */
    private static final Pattern PINNED = Pattern.compile(".+:v?\\d+\\.\\d+\\.\\d+[-.a-z0-9]*|.+@sha256:[0-9a-f]{64}");
    private static final String FIREBREAK_IMAGE = "firebreak:local";

    private final Map<String, Map<String, Object>> services = services();

    @Test
    void theWholeStackIsThereWithFirebreakSplitByRole() throws IOException {
        assertThat(services.keySet()).containsExactlyInAnyOrder("kafka", "schema-registry", "ingest-a", "ingest-b", "ingest",
                "streams", "notifiers", "prometheus", "alertmanager", "loki", "grafana");
        Map<String, List<String>> roles = new TreeMap<>();
        firebreakServices().forEach(name -> roles.put(name, List.of(environment(name).get("FIREBREAK_ROLES")
                .replaceAll("[\\[\\]\\s]", "").split(","))));
        assertThat(roles).containsEntry("ingest-a", List.of("ingest", "api")).containsEntry("ingest-b", List.of("ingest", "api"))
                .containsEntry("streams", List.of("streams")).containsEntry("notifiers", List.of("notifiers"));
        assertThat(Files.readString(path("docker/proxy/nginx.conf")))
                .as("the ingest proxy spreads over both instances").contains("server ingest-a:8080", "server ingest-b:8080");
    }

    @Test
    void everyImageIsPinnedAndKafkaIsTheClientsVersion() throws IOException {
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            if (image.equals(FIREBREAK_IMAGE)) {
                assertThat(service).as(name + " builds firebreak from this checkout").containsKey("build");
            } else {
                assertThat(image).as(name).matches(PINNED);
            }
        });
        assertThat(String.valueOf(services.get("kafka").get("image"))).as("the broker is the Kafka of firebreak's clients")
                .isEqualTo("apache/kafka:" + kafkaClientsVersion());
    }

    @Test
    void theBrokerWaitsForAPreviousTransactionsMarkersAsTheEmbeddedOneDoes() {
        assertThat(environment("kafka")).as("docs/operations.md: a few seconds' stall under transactions V2")
                .containsEntry("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS", String.valueOf(EmbeddedKafka.ADD_PARTITION_WAIT_MS));
    }

    @Test
    void everyPortIsPublishedOnLoopbackOnlyAndEveryMountedFileExists() {
        services.forEach((name, service) -> {
            for (Object port : list(service.get("ports"))) {
                assertThat(String.valueOf(port)).as(name + " (the default tokens are public knowledge)").startsWith("127.0.0.1:");
            }
            for (Object volume : list(service.get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(path(source)).as(name + " mounts " + source).isRegularFile();
                }
            }
        });
    }

    @Test
    void everyFirebreakContainersConfigurationPassesFirebreaksOwnCheck(@TempDir Path dir) throws Exception {
        for (String name : firebreakServices()) {
            Map<String, String> environment = environment(name);
            assertThat(environment).as(name).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "FIREBREAK_INGEST_TOKEN");
            List<String> command = strings(services.get(name).get("command"));
            String configInContainer = command.get(command.size() - 1);
            String mounted = strings(services.get(name).get("volumes")).stream().filter(v -> v.contains(":" + configInContainer + ":"))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " mounts no file at " + configInContainer)).split(":")[0];
            // what the container sees: its environment in the ${...} and, under /etc/firebreak, the image's copy of examples/
            String config = interpolate(Files.readString(path(mounted)), environment, name)
                    .replace("/etc/firebreak/", path("examples") + "/");
            Path file = Files.writeString(dir.resolve(name + ".yml"), config);

            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            assertThat(check(file, errors)).as("firebreak check of %s's configuration: %s", name, errors).isEmpty();
        }
    }

    @Test
    void prometheusScrapesEveryFirebreakAndAlertmanagerSendsToTheIngestProxy() throws Exception {
        String prometheus = Files.readString(path("docker/prometheus/prometheus.yml"));
        for (String name : firebreakServices()) {
            assertThat(prometheus).as("scrape target").contains("\"" + name + ":8080\"");
        }
        assertThat(Files.readString(path("docker/prometheus/rules.yml"))).contains("slo_error_budget_remaining_ratio", "alert_slo_burn_state",
                "firebreak_page_pending_seconds", "firebreak_channel_failing");
        assertThat(Files.readString(path("docker/alertmanager/alertmanager.yml"))).as("firebreak's own paging alerts go around it")
                .contains("firebreak_fallback=\"true\"", "receiver: fallback");
        assertThat(Files.readString(path("docker/alertmanager/alertmanager.yml"))).contains("url: http://ingest:8080/v1/alertmanager");
        assertThat(Files.readString(path("docker/grafana/datasources.yml")))
                .as("the uid the postmortems' Explore links name (postmortem.lokiDatasource)").contains("uid: loki");
        assertThat(Files.readString(path("docker/firebreak.yml"))).contains("lokiDatasource: loki");

        Optional<Path> promtool = ExternalProcess.find("/usr/bin/promtool", "/usr/local/bin/promtool");
        Optional<Path> amtool = ExternalProcess.find("/usr/bin/amtool", "/usr/local/bin/amtool");
        assumeTrue(promtool.isPresent() && amtool.isPresent(), "promtool and amtool are not installed");
        assertRuns(promtool.get().toString(), "check", "config", "--syntax-only", path("docker/prometheus/prometheus.yml").toString());
        assertRuns(promtool.get().toString(), "check", "rules", path("docker/prometheus/rules.yml").toString());
        assertRuns(amtool.get().toString(), "check-config", path("docker/alertmanager/alertmanager.yml").toString());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(path("docker-compose.yml")));
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> firebreakServices() {
        return services.entrySet().stream().filter(s -> FIREBREAK_IMAGE.equals(s.getValue().get("image"))).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** The container's environment as Compose sets it with no shell variable set: each {@code ${X:-default}} is its default. */
    private Map<String, String> environment(String service) {
        Map<?, ?> declared = (Map<?, ?>) services.get(service).get("environment");
        return declared.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                e -> interpolate(String.valueOf(e.getValue()), Map.of(), service)));
    }

    /** {@code ${X}} / {@code ${X:-default}} as Compose and Dropwizard both read them; an unset variable without default fails. */
    private static String interpolate(String text, Map<String, String> variables, String where) {
        Matcher matcher = COMPOSE_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null || (value.isEmpty() && matcher.group(2) != null)) {
                value = matcher.group(2);
            }
            assertThat(value).as("%s: ${%s} is set or has a default", where, matcher.group(1)).isNotNull();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static Optional<Throwable> check(Path config, ByteArrayOutputStream errors) throws Exception {
        FirebreakApplication application = new FirebreakApplication();
        Bootstrap<FirebreakConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        bootstrap.addCommand(new CheckCommand()); // Application.run adds it (addDefaultCommands), initialize does not
        return new Cli(new JarLocation(DockerComposeTest.class), bootstrap, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8)).run("check", config.toString());
    }

    private static void assertRuns(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
    }

    /** The version the kafka-clients jar on the classpath states (the file Kafka's own client metrics read). */
    private static String kafkaClientsVersion() throws IOException {
        java.util.Properties version = new java.util.Properties();
        try (var in = org.apache.kafka.clients.producer.KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            version.load(in);
        }
        return version.getProperty("version");
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        list(value).forEach(item -> out.add(String.valueOf(item)));
        return out;
    }

    private static Path path(String relative) {
        return REPOSITORY.resolve(relative.replaceFirst("^\\./", ""));
    }
}

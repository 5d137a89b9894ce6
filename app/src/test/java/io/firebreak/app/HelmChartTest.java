package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.firebreak.app.config.Role;
import io.firebreak.app.config.StrictConfigurationFactoryFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart (helm/firebreak) and the docker-compose config render into what firebreak accepts: lint passes,
 * each component's firebreak.yml passes the application's own strict configuration factory, secrets reach pods
 * only through Secret references, and probes cannot restart a pod because Kafka blinked.
 * Helm runs in-process through helm-java's bundled native Helm library (no helm binary needed).
 */
class HelmChartTest {

    private static final Path CHART = Paths.get("..", "helm", "firebreak");
    private static final String RELEASE = "fb";
    private static final Set<String> SECRET_VARIABLES = Set.of("FIREBREAK_INGEST_TOKEN", "FIREBREAK_INGEST_TOKEN_NEXT",
            "PD_ROUTING_KEY", "PD_WEBHOOK_SECRET", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "TEAMS_WORKFLOW_URL", "SOAR_SECRET");

    private static final YAMLMapper YAML = new YAMLMapper();
    private final ConfigurationFactory<FirebreakConfiguration> strictFactory = new StrictConfigurationFactoryFactory<FirebreakConfiguration>()
            .create(FirebreakConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @BeforeAll
    static void helmLibraryLoads() {
        try {
            Helm.version().call();
        } catch (LinkageError | IllegalStateException e) {
            // helm-java ships the Helm library as a per-platform native jar; only a platform without one skips
            abort("helm-java's native Helm library does not load on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": " + e);
        }
    }

    @Test
    void chartPassesStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void defaultsSplitIngestAndApiIntoADeploymentAndStreamsAndNotifiersIntoAStatefulSetWithState() throws Exception {
        Manifests manifests = render(Map.of());

        Map<String, Object> deployment = manifests.get("Deployment", "fb-firebreak-api");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        assertThat(manifests.config("api").get("roles")).isEqualTo(List.of("ingest", "api"));
        assertThat(list(at(manifests.get("Service", "fb-firebreak-api"), "spec", "ports")))
                .extracting(p -> p.get("port")).containsExactly(8080);

        Map<String, Object> statefulSet = manifests.get("StatefulSet", "fb-firebreak-streams");
        assertThat(manifests.config("streams").get("roles")).isEqualTo(List.of("streams", "notifiers"));
        List<Map<String, Object>> claims = list(at(statefulSet, "spec", "volumeClaimTemplates"));
        assertThat(claims).extracting(c -> at(c, "metadata", "name")).containsExactly("state");
        String stateDir = (String) at(manifests.config("streams"), "kafka", "stateDir");
        Map<String, Object> stateMount = list(at(container(statefulSet), "volumeMounts")).stream()
                .filter(m -> "state".equals(m.get("name"))).findFirst().orElseThrow();
        assertThat(stateDir).as("Kafka Streams state lives on the claim").startsWith(stateMount.get("mountPath") + "/");

        assertThat(manifests.all("PodDisruptionBudget")).hasSize(2);
        assertThat(manifests.all("ServiceMonitor")).as("optional, off by default").isEmpty();
    }

    @Test
    void eachComponentsFirebreakYmlIsAcceptedByTheApplicationsStrictConfiguration() throws Exception {
        Manifests manifests = render(Map.of("kafka.bootstrapServers", "broker-0.kafka:9092,broker-1.kafka:9092"));

        for (String component : List.of("api", "streams")) {
            Map<String, Object> parsed = manifests.config(component);
            assertThat(at(parsed, "kafka", "bootstrapServers")).isEqualTo("broker-0.kafka:9092,broker-1.kafka:9092");

            FirebreakConfiguration config = parseWithEnvironment(manifests.configText(component), Map.of(
                    "FIREBREAK_INGEST_TOKEN", "t0k3n", "PD_ROUTING_KEY", "R0UT1NG"));
            assertThat(config.kafka.bootstrapServers).isEqualTo("broker-0.kafka:9092,broker-1.kafka:9092");
            assertThat(config.ingest.effectiveTokens()).containsExactly("t0k3n");
            assertThat(config.receivers.pagerduty.routingKey).isEqualTo("R0UT1NG");
        }
        FirebreakConfiguration api = parseWithEnvironment(manifests.configText("api"), Map.of("FIREBREAK_INGEST_TOKEN", "t"));
        assertThat(api.roles).containsExactlyInAnyOrder(Role.INGEST, Role.API);
    }

    @Test
    void secretsReachPodsOnlyThroughSecretKeyRefsNeverThroughAConfigMap() throws Exception {
        Manifests manifests = render(Map.of(
                "secrets.values.FIREBREAK_INGEST_TOKEN", "sentinel-ingest-token",
                "secrets.values.PD_ROUTING_KEY", "sentinel-routing-key",
                "secrets.values.SLACK_BOT_TOKEN", "sentinel-slack-token",
                // a credential typed straight into config is replaced by its placeholder, not published
                "config.receivers.pagerduty.routingKey", "sentinel-literal-in-config"));

        for (Map<String, Object> configMap : manifests.all("ConfigMap")) {
            assertThat(YAML.writeValueAsString(configMap)).doesNotContain("sentinel");
        }
        Map<String, Object> secret = manifests.get("Secret", "fb-firebreak");
        assertThat(decode(at(secret, "data", "PD_ROUTING_KEY"))).isEqualTo("sentinel-routing-key");
        assertThat(at(secret, "data", "SOAR_SECRET")).as("empty values are left out").isNull();

        for (Map<String, Object> workload : List.of(manifests.get("Deployment", "fb-firebreak-api"),
                manifests.get("StatefulSet", "fb-firebreak-streams"))) {
            Map<String, Map<String, Object>> env = env(container(workload));
            assertThat(env.keySet()).containsAll(SECRET_VARIABLES);
            for (String variable : SECRET_VARIABLES) {
                assertThat(env.get(variable)).as(variable).doesNotContainKey("value");
                assertThat(at(env.get(variable), "valueFrom", "secretKeyRef", "name")).isEqualTo("fb-firebreak");
                assertThat(at(env.get(variable), "valueFrom", "secretKeyRef", "key")).isEqualTo(variable);
            }
        }
        assertThat(at(env(container(manifests.get("Deployment", "fb-firebreak-api"))).get("FIREBREAK_INGEST_TOKEN"),
                "valueFrom", "secretKeyRef", "optional")).as("ingest cannot run without a token").isEqualTo(false);
    }

    @Test
    void anExistingSecretIsReferencedAndNoneIsCreated() throws Exception {
        Manifests manifests = render(Map.of("secrets.existingSecret", "firebreak-prod"));

        assertThat(manifests.all("Secret")).isEmpty();
        Map<String, Map<String, Object>> env = env(container(manifests.get("StatefulSet", "fb-firebreak-streams")));
        assertThat(at(env.get("PD_ROUTING_KEY"), "valueFrom", "secretKeyRef", "name")).isEqualTo("firebreak-prod");
    }

    @Test
    void readinessIsTheHealthcheckAndLivenessOnlyAPingBothOnTheAdminPort() throws Exception {
        Manifests manifests = render(Map.of());

        for (Map<String, Object> workload : List.of(manifests.get("Deployment", "fb-firebreak-api"),
                manifests.get("StatefulSet", "fb-firebreak-streams"))) {
            Map<String, Object> container = container(workload);
            Object adminPort = list(at(container, "ports")).stream().filter(p -> "admin".equals(p.get("name")))
                    .findFirst().orElseThrow().get("containerPort");
            assertThat(adminPort).isEqualTo(8081);
            assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/healthcheck");
            // a Kafka outage turns /healthcheck red: that must take the pod out of rotation, never restart it
            assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/ping");
            assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/ping");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat(at(container, probe, "httpGet", "port")).as(probe).isIn("admin", 8081);
            }
        }
    }

    @Test
    void onlyTheHttpPortIsServedWhileTheProbesStillReachTheAdminPort() throws Exception {
        Manifests manifests = render(Map.of("metrics.serviceMonitor.enabled", "true"));

        for (Map<String, Object> service : manifests.all("Service")) {
            assertThat(list(at(service, "spec", "ports"))).extracting(p -> p.get("targetPort")).as("%s", service).containsOnly("http");
        }
        for (String component : List.of("api", "streams")) {
            // firebreak binds the admin port to loopback by default; the kubelet probes the pod's address
            assertThat(list(at(manifests.config(component), "server", "adminConnectors"))).extracting(c -> c.get("bindHost"))
                    .containsExactly("0.0.0.0");
            FirebreakConfiguration config = parseWithEnvironment(manifests.configText(component), Map.of(
                    "FIREBREAK_INGEST_TOKEN", "t0k3n", "FIREBREAK_READ_TOKEN", "r34d"));
            assertThat(config.auth.effectiveTokens(config.ingest)).filteredOn(t -> t.secret().equals("r34d")).singleElement()
                    .satisfies(token -> assertThat(token.scopes()).containsExactly(io.firebreak.ingest.auth.Scope.READ));
            assertThat(config.adminTasks).as("admin tasks stay off").isFalse();
        }
        Map<String, Object> policy = manifests.get("NetworkPolicy", "fb-firebreak");
        assertThat(list(at(policy, "spec", "ingress"))).singleElement()
                .satisfies(rule -> assertThat(list(rule.get("ports"))).extracting(p -> p.get("port")).containsExactly("http"));
        Map<String, Object> scrape = list(at(manifests.get("ServiceMonitor", "fb-firebreak"), "spec", "endpoints")).get(0);
        assertThat(at(scrape, "authorization", "credentials", "key")).as("/metrics needs a read token").isEqualTo("FIREBREAK_READ_TOKEN");
    }

    @Test
    void sloDefinitionsFromValuesBecomeAConfigMapMountedWhereSlosPathPoints() throws Exception {
        Path values = Paths.get(HelmChartTest.class.getResource("/helm/slo-values.yaml").toURI());
        Manifests manifests = new Manifests(template().withValuesFile(values).call());

        assertThat(render(Map.of()).config("streams").get("slos")).as("no definitions, no SLO engine")
                .extracting(s -> ((Map<?, ?>) s).get("path")).isEqualTo("");
        Map<String, Object> slos = manifests.get("ConfigMap", "fb-firebreak-slos");
        Map<String, Object> tradeEngine = YAML.readValue((String) at(slos, "data", "trade-engine.yml"), new TypeReference<>() { });
        assertThat(list(tradeEngine.get("slos"))).extracting(s -> s.get("name")).containsExactly("trade_engine_availability");
        assertThat((String) at(slos, "data", "risk-service.yml")).contains("risk_service_errors");

        String path = (String) at(manifests.config("streams"), "slos", "path");
        Map<String, Object> container = container(manifests.get("StatefulSet", "fb-firebreak-streams"));
        assertThat(list(at(container, "volumeMounts"))).anySatisfy(m -> {
            assertThat(m.get("name")).isEqualTo("slos");
            assertThat(m.get("mountPath")).isEqualTo(path);
        });
    }

    @Test
    void aMisspelledRoleIsRefusedWhenRenderingNotWhenThePodStarts() {
        assertThatThrownBy(() -> render(Map.of("streams.roles[0]", "notifier")))
                .hasMessageContaining("/streams/roles/0");
    }

    @Test
    void serviceMonitorScrapesMetricsOnTheHttpPortWhenEnabled() throws Exception {
        Manifests manifests = render(Map.of("metrics.serviceMonitor.enabled", "true"));

        Map<String, Object> monitor = manifests.all("ServiceMonitor").get(0);
        Map<String, Object> endpoint = list(at(monitor, "spec", "endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
    }

    @Test
    void composeConfigIsAcceptedByTheApplicationsStrictConfiguration() throws Exception {
        StringSubstitutor environment = strictSubstitutor(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092",
                "SCHEMA_REGISTRY_URL", "http://schema-registry:8081", "FIREBREAK_INGEST_TOKEN", "local-dev-token"));
        FirebreakConfiguration config = strictFactory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), environment),
                Paths.get("..", "docker", "firebreak.yml").toString());

        assertThat(config.kafka.replicationFactor).as("docker-compose.yml runs one broker").isEqualTo((short) 1);
        assertThat(config.roles).containsExactlyInAnyOrder(Role.values());
        assertThat(config.receivers.pagerduty.routingKey).as("unset: a log receiver").isEmpty();
    }

    @Test
    void theIngressServesTheSignedCallbacksOnlyAndOnlyWhenEnabled() throws Exception {
        assertThat(render(Map.of()).all("Ingress")).as("off by default").isEmpty();

        Map<String, Object> ingress = render(Map.of("ingress.enabled", "true", "ingress.host", "hooks.example.com"))
                .get("Ingress", "fb-firebreak-api-callbacks");
        Map<String, Object> rule = list(at(ingress, "spec", "rules")).get(0);
        assertThat(rule).containsEntry("host", "hooks.example.com");
        List<Map<String, Object>> paths = list(at(rule, "http", "paths"));
        assertThat(paths).extracting(p -> p.get("path")).containsExactly("/v1/callbacks/pagerduty", "/v1/callbacks/slack");
        assertThat(paths).allSatisfy(path -> {
            assertThat(path).containsEntry("pathType", "Exact");
            assertThat(at(path, "backend", "service", "name")).isEqualTo("fb-firebreak-api");
        });
    }

    @Test
    void corootsNamespaceIsAdmittedWhenTheHttpPortIsNarrowedAndTheValuesShowItsWebhook() throws Exception {
        Manifests manifests = render(Map.of("networkPolicy.httpFrom[0].namespaceSelector.matchLabels.name", "ingress-nginx",
                "coroot.namespace", "coroot"));

        Map<String, Object> http = list(at(manifests.get("NetworkPolicy", "fb-firebreak"), "spec", "ingress")).get(0);
        assertThat(list(http.get("from"))).extracting(peer -> at(peer, "namespaceSelector", "matchLabels"))
                .containsExactly(Map.of("name", "ingress-nginx"), Map.of("kubernetes.io/metadata.name", "coroot"));
        assertThat(list(at(render(Map.of("coroot.namespace", "coroot")).get("NetworkPolicy", "fb-firebreak"), "spec", "ingress")).get(0))
                .as("http port open to all: nothing to add").doesNotContainKey("from");
        assertThat(Files.readString(CHART.resolve("values.yaml"))).contains("/v1/coroot", "Authorization: Bearer <FIREBREAK_INGEST_TOKEN>");
    }

    @Test
    void rocksDbMemoryIsBoundedAndFitsBesideTheHeapInTheStreamsMemoryLimit() throws Exception {
        Manifests manifests = render(Map.of("kafka.rocksdb.cache", "256MiB"));
        FirebreakConfiguration streams = parseWithEnvironment(manifests.configText("streams"), Map.of());

        assertThat(streams.kafka.rocksdb.cache.toMebibytes()).isEqualTo(256);
        assertThat(streams.kafka.rocksdb.writeBuffers.toMebibytes()).isEqualTo(32);
        // the image gives the heap 75 % of the container (MaxRAMPercentage); the rest holds the cache and the JVM's own ~256 MiB
        Map<String, Object> container = list(at(manifests.get("StatefulSet", "fb-firebreak-streams"), "spec", "template", "spec", "containers")).get(0);
        long limitMib = mebibytes(String.valueOf(at(container, "resources", "limits", "memory")));
        assertThat(limitMib / 4).as("a quarter of the %d MiB limit", limitMib).isGreaterThanOrEqualTo(256 + 256);
        assertThat(at(container, "resources", "requests", "cpu")).as("sized from bench/README.md").isEqualTo("500m");
    }

    private static long mebibytes(String quantity) {
        return quantity.endsWith("Gi") ? Long.parseLong(quantity.replace("Gi", "")) * 1024 : Long.parseLong(quantity.replace("Mi", ""));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static TemplateCommand template() {
        return new Helm(CHART).template().withName(RELEASE).withNamespace("firebreak").withKubeVersion("1.31.0");
    }

    private static Manifests render(Map<String, String> set) throws Exception {
        TemplateCommand command = template();
        for (Map.Entry<String, String> entry : set.entrySet()) {
            command = command.set(entry.getKey(), entry.getValue());
        }
        return new Manifests(command.call());
    }

    private FirebreakConfiguration parseWithEnvironment(String yaml, Map<String, String> environment) throws Exception {
        StringSubstitutor substitutor = strictSubstitutor(environment);
        return strictFactory.build(path -> new ByteArrayInputStream(substitutor.replace(yaml).getBytes(StandardCharsets.UTF_8)),
                "firebreak.yml");
    }

    /** Like the application's EnvironmentVariableSubstitutor(true): an unset ${VAR} without a default fails. */
    private static StringSubstitutor strictSubstitutor(Map<String, String> environment) {
        StringSubstitutor substitutor = new StringSubstitutor(environment);
        substitutor.setEnableUndefinedVariableException(true);
        return substitutor;
    }

    private static String decode(Object base64) {
        return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        List<Map<String, Object>> containers = list(at(workload, "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        list(container.get("env")).forEach(e -> byName.put((String) e.get("name"), e));
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return node == null ? List.of() : (List<Map<String, Object>>) node;
    }

    /** The documents of one `helm template` run, by kind and name. */
    private static final class Manifests {
        private final List<Map<String, Object>> documents = new ArrayList<>();

        Manifests(String rendered) throws Exception {
            try (MappingIterator<Map<String, Object>> docs = YAML.readerFor(new TypeReference<Map<String, Object>>() { })
                    .readValues(rendered)) {
                while (docs.hasNext()) {
                    Map<String, Object> doc = docs.next();
                    if (doc != null && !doc.isEmpty()) {
                        documents.add(doc);
                    }
                }
            }
        }

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> get(String kind, String name) {
            return all(kind).stream().filter(d -> name.equals(at(d, "metadata", "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered; have " + summary()));
        }

        /** firebreak.yml of a component, as text (still with its ${VAR} placeholders). */
        String configText(String component) {
            return (String) at(get("ConfigMap", RELEASE + "-firebreak-" + component), "data", "firebreak.yml");
        }

        Map<String, Object> config(String component) throws Exception {
            return YAML.readValue(configText(component), new TypeReference<>() { });
        }

        private List<String> summary() {
            return documents.stream().map(d -> d.get("kind") + "/" + at(d, "metadata", "name")).toList();
        }
    }
}

package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.firebreak.app.cli.LayeredConfigurationSourceProvider;
import io.firebreak.app.config.LogAlertConfig;
import io.firebreak.app.config.RouteConfig;
import io.firebreak.app.config.StartupChecks;
import io.firebreak.app.config.StrictConfigurationFactoryFactory;
import io.firebreak.app.kafka.InstanceId;
import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.ingest.auth.ApiToken;
import io.firebreak.ingest.auth.Scope;
import io.firebreak.slo.logalerts.LogAlertRule;
import io.firebreak.streams.CorrelationSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad configuration fails at start with the key and the reason; the standalone defaults are complete. */
class ConfigurationTest {

    private final ConfigurationFactory<FirebreakConfiguration> factory = new StrictConfigurationFactoryFactory<FirebreakConfiguration>()
            .create(FirebreakConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    private FirebreakConfiguration parse(String yaml) throws Exception {
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "firebreak.yml");
    }

    @Test
    void standaloneDefaultsParseAndValidate() throws Exception {
        FirebreakConfiguration config = factory.build(new LayeredConfigurationSourceProvider("/standalone.yml"),
                LayeredConfigurationSourceProvider.BASE_ONLY);
        assertThat(config.services).extracting(s -> s.name).contains("postgres-main", "trade-engine");
        assertThat(config.slos.path).isEqualTo("classpath:examples/slos");
        assertThat(RouteConfig.table(config.routes)).isEqualTo(RouteTable.defaults());
        assertThat(LogAlertConfig.rules(config.logAlerts)).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("RiskLimitRejections");
            assertThat(rule.service()).contains("risk-service");
            assertThat(rule.match()).containsEntry("status", List.of("RISK_LIMIT"));
            assertThat(rule.count()).isEqualTo(50);
            assertThat(rule.within()).isEqualTo(Duration.ofMinutes(5));
            assertThat(rule.severity()).isEqualTo(io.firebreak.events.Severity.HIGH);
        });
    }

    @Test
    void aLogAlertRuleTakesOneValueOrAListAndAnySeverityCase() throws Exception {
        FirebreakConfiguration config = parse("""
                logAlerts:
                  - { name: PaymentDeclines, match: { status: [DECLINED, REJECTED], error.code: 42 }, threshold: { count: 5, within: 1m }, severity: critical }
                """);

        assertThat(LogAlertConfig.rules(config.logAlerts)).singleElement().satisfies(rule -> {
            assertThat(rule.service()).isEmpty();
            assertThat(rule.match()).containsEntry("status", List.of("DECLINED", "REJECTED")).containsEntry("error.code", List.of("42"));
            assertThat(rule.severity()).isEqualTo(io.firebreak.events.Severity.CRITICAL);
        });
        assertThat(StartupChecks.problems(config)).noneMatch(problem -> problem.startsWith("logAlerts"));
    }

    @Test
    void moreLogAlertRulesThanTheLimitAreRefused() throws Exception {
        FirebreakConfiguration config = parse("{}");
        for (int i = 0; i <= LogAlertRule.MAX_RULES; i++) {
            LogAlertConfig rule = new LogAlertConfig();
            rule.name = "rule-" + i;
            rule.match = Map.of("level", "ERROR");
            rule.threshold = new LogAlertConfig.ThresholdConfig();
            rule.threshold.count = 1;
            rule.threshold.within = io.dropwizard.util.Duration.minutes(1);
            rule.severity = "LOW";
            config.logAlerts.add(rule);
        }

        assertThat(StartupChecks.problems(config)).contains("logAlerts: 101 rules, at most 100 (each is tried on every log line)");
    }

    @Test
    void anEmptyFileGivesTheDocumentedCorrelationDefaults() throws Exception {
        CorrelationSettings settings = parse("{}").correlationSettings();

        // DESIGN §12: correlation: { groupBy: [cluster, service], window: 10m, changeLookback: 30m, enrichmentWait: 5s,
        //                           graphDepth: 3, flapping: { flips: 4, within: 15m } }; recovery: { stableFor: 5m }
        assertThat(settings.groupBy()).containsExactly("cluster", "service");
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.changeLookback()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.enrichmentWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.graphDepth()).isEqualTo(3);
        assertThat(settings.flappingFlips()).isEqualTo(4);
        assertThat(settings.flappingWithin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.stableFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.updateInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.routes()).isEqualTo(RouteTable.defaults());
        assertThat(settings.incidentUrlBase()).contains("http://localhost:8080/?incident=");
    }

    @Test
    void everyCorrelationKeyReachesTheTopology() throws Exception {
        CorrelationSettings settings = parse("""
                publicUrl: https://firebreak.example/
                correlation: { groupBy: [cluster, team], window: 3m, changeLookback: 1h, enrichmentWait: 0s, updateInterval: 0s,
                               graphDepth: 1, flapping: { flips: 2, within: 5m }, retention: 2h, purgeInterval: 30s }
                recovery: { stableFor: 1m }
                services: [ { name: trade-engine, dependsOn: [risk-service] } ]
                """).correlationSettings();

        assertThat(settings.groupBy()).containsExactly("cluster", "team");
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.changeLookback()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.enrichmentWait()).isZero();
        assertThat(settings.updateInterval()).isZero();
        assertThat(settings.graphDepth()).isEqualTo(1);
        assertThat(settings.flappingFlips()).isEqualTo(2);
        assertThat(settings.flappingWithin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.retention()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.purgeInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.stableFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.services().linked("trade-engine", "risk-service", 1)).isTrue();
        assertThat(settings.incidentUrlBase()).contains("https://firebreak.example/?incident=");
    }

    @Test
    void durationsAreReadAsTheSloFilesWriteThemAndDropwizardsOwnStillWork() throws Exception {
        CorrelationSettings settings = parse("""
                correlation: { window: 1h30m, changeLookback: 1w, enrichmentWait: 500ms, retention: 2 days }
                """).correlationSettings();

        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.changeLookback()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.enrichmentWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aConfiguredSoarEndpointHearsEveryIncidentUnlessRoutesSayOtherwise() throws Exception {
        FirebreakConfiguration seedTable = parse("receivers: { soar: { url: https://soar.example/hook, secrets: [whsec_x] } }");
        FirebreakConfiguration ownRoutes = parse("""
                receivers: { soar: { url: https://soar.example/hook, secrets: [whsec_x] } }
                routes: [ { matchers: ['severity="critical"'], receivers: [pagerduty] } ]
                """);

        assertThat(seedTable.routeTable().receiversFor(List.of(Map.of("severity", "LOW")))).containsExactly(Receiver.SOAR);
        assertThat(seedTable.routeTable().receiversFor(List.of(Map.of("severity", "CRITICAL"))))
                .containsExactly(Receiver.SOAR, Receiver.PAGERDUTY, Receiver.SLACK_WAR_ROOM, Receiver.TEAMS);
        assertThat(StartupChecks.warnings(seedTable)).isEmpty();
        assertThat(ownRoutes.routeTable().receiversFor(List.of(Map.of("severity", "CRITICAL")))).containsExactly(Receiver.PAGERDUTY);
        assertThat(StartupChecks.warnings(ownRoutes)).containsExactly("receivers.soar: configured, but no route reaches it: it will never be notified");
    }

    @Test
    void aReceiverWithCredentialsThatNoRouteReachesIsAWarningAndALogReceiverIsNot() throws Exception {
        FirebreakConfiguration config = parse("""
                receivers: { pagerduty: { routingKey: R0UT1NG }, teams: { webhookUrl: https://teams.example/workflow } }
                routes: [ { matchers: ['severity="critical"'], receivers: [pagerduty, slack] } ]
                """);

        assertThat(StartupChecks.warnings(config)).containsExactly("receivers.teams: configured, but no route reaches it: it will never be notified");
    }

    @Test
    void productionExampleParsesWithItsVariablesSet() throws Exception {
        StringSubstitutor env = new StringSubstitutor(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SCHEMA_REGISTRY_URL", "http://registry:8081", "FIREBREAK_INGEST_TOKEN", "t0k3n", "FIREBREAK_READ_TOKEN", "r34d"));
        env.setEnableUndefinedVariableException(true);
        FirebreakConfiguration config = factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), env),
                Path.of("..", "examples", "firebreak.yml").toString());
        assertThat(config.kafka.bootstrapServers).isEqualTo("kafka:9092");
        assertThat(config.ingest.effectiveTokens()).containsExactly("t0k3n");
        // the alertmanager token's variable is unset: that entry is ignored, not an empty token
        assertThat(config.auth.effectiveTokens(config.ingest)).extracting(ApiToken::name).containsExactly("prometheus", "ingest-token-1");
        assertThat(config.receivers.pagerduty.routingKey).isEmpty();
    }

    @Test
    void userFileIsLaidOverTheStandaloneDefaults(@TempDir Path dir) throws Exception {
        Path user = Files.writeString(dir.resolve("mine.yml"), """
                ingest: { tokens: ["mine"] }
                receivers:
                  pagerduty: { url: "http://127.0.0.1:9/v2/enqueue", routingKey: "KEY" }
                """);
        FirebreakConfiguration config = factory.build(new LayeredConfigurationSourceProvider("/standalone.yml"), user.toString());
        assertThat(config.ingest.tokens).containsExactly("mine");
        assertThat(config.receivers.pagerduty.url).isEqualTo("http://127.0.0.1:9/v2/enqueue");
        assertThat(config.receivers.pagerduty.timeout.toSeconds()).isEqualTo(10);
        assertThat(config.services).as("kept from the defaults").isNotEmpty();
        assertThat(config.ingest.defaultCluster).isEqualTo("local");
    }

    @Test
    void unknownKeyNamesTheKey() {
        assertThatThrownBy(() -> parse("correlation: { windw: 10m }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("windw");
    }

    @Test
    void misspelledSecretKeyIsRefusedRatherThanSilentlyLoggingInsteadOfPaging() {
        assertThatThrownBy(() -> parse("receivers: { pagerduty: { routingkey: abc } }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("routingkey");
    }

    /** A bad duration, a value out of range, an unknown role: refused at start-up, naming the key and what is wrong. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "correlation: { window: 10xs } | correlation.window | 10xs",
            "kafka: { partitions: 0 }      | kafka.partitions   | greater than or equal to 1",
            "roles: [ingest, pager]        | roles.[1]          | expected: Role"})
    void aBadValueNamesItsKeyAndWhatIsWrong(String yaml, String key, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(key).hasMessageContaining(problem);
    }

    @Test
    void routeToAnUnknownReceiverNamesTheRoute() {
        RouteConfig route = new RouteConfig();
        route.matchers = List.of("severity=\"CRITICAL\"");
        route.receivers = List.of("pagerdutty");
        assertThatThrownBy(() -> RouteConfig.table(List.of(route)))
                .hasMessageContaining("routes[0].receivers").hasMessageContaining("pagerdutty");
    }

    @Test
    void aRoutesFallbackReceiversAreParsedAndAnUnknownOneNamesTheRoute() {
        RouteConfig route = new RouteConfig();
        route.matchers = List.of("severity=\"CRITICAL\"");
        route.receivers = List.of("pagerduty");
        route.fallback = List.of("slack-war-room");
        assertThat(RouteConfig.table(List.of(route)).routes().get(0).fallback()).containsExactly(Receiver.SLACK_WAR_ROOM);

        route.fallback = List.of("opsgenie");
        assertThatThrownBy(() -> RouteConfig.table(List.of(route))).hasMessageContaining("routes[0].fallback").hasMessageContaining("opsgenie");
    }

    @Test
    void malformedMatcherNamesTheRoute() {
        RouteConfig route = new RouteConfig();
        route.matchers = List.of("severity CRITICAL");
        route.receivers = List.of("slack");
        assertThatThrownBy(() -> RouteConfig.table(List.of(route))).hasMessageContaining("routes[0].matchers");
    }

    @Test
    void aMissingPostmortemTemplateFailsStartUpNamingTheFile(@TempDir Path dir) throws Exception {
        FirebreakConfiguration config = parse("postmortem: { template: " + dir.resolve("nope.mustache") + " }");
        assertThatThrownBy(() -> config.postmortem.markdown()).hasMessageContaining("nope.mustache");
    }

    @Test
    void postmortemExportIsOffUnlessADirectoryIsConfigured(@TempDir Path dir) throws Exception {
        assertThat(parse("{}").postmortem.exporter(parse("{}").postmortem.markdown())).isEmpty();
        assertThat(parse("postmortem: { exportDir: " + dir + " }").postmortem.exporter(parse("{}").postmortem.markdown())).isPresent();
    }

    /** The correlation's streams properties for instance "pod-0" under {@code yaml}. */
    private Properties correlationProperties(Path dir, String yaml) throws Exception {
        try (InstanceId instance = InstanceId.acquire(dir, Optional.of("pod-0"))) {
            return Settings.streamsProperties(parse(yaml), instance);
        }
    }

    @Test
    void anOperatorsSessionTimeoutWinsOverTheStaticMembersDefault(@TempDir Path dir) throws Exception {
        Properties props = correlationProperties(dir, "kafka: { properties: { session.timeout.ms: \"6000\" } }");

        assertThat(props.get("session.timeout.ms")).isEqualTo("6000");
        assertThat(props).doesNotContainKey("main.consumer.session.timeout.ms");
    }

    @Test
    void correlationStreamsAreExactlyOnceStaticKeepStandbysAndParkRecordsTheyCannotHandle(@TempDir Path dir) throws Exception {
        Properties props = correlationProperties(dir, "kafka: { standbyReplicas: 1, replicationFactor: 1 }");
        assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
        // static membership on the main consumer only (restore and global consumers are no group members)
        assertThat(props.get("main.consumer.group.instance.id")).isEqualTo("pod-0-correlation");
        assertThat(props).doesNotContainKey("group.instance.id");
        // a member that does not come back gives its partitions up after 15 s, not the consumer's 45 s
        assertThat(props.get("main.consumer.session.timeout.ms")).isEqualTo(15_000);
        assertThat(props.get("num.standby.replicas")).isEqualTo(1);
        assertThat(props.get("processing.exception.handler")).isEqualTo(io.firebreak.schemas.kafka.errors.DeadLetterProcessingHandler.class);
        assertThat(props.get("production.exception.handler")).isEqualTo(io.firebreak.schemas.kafka.errors.UnwritableRecordHandler.class);
        assertThat(props.get("deserialization.exception.handler")).isEqualTo(io.firebreak.schemas.kafka.errors.PoisonRecordHandler.class);
        assertThat(props.get("errors.dead.letter.queue.topic.name")).isEqualTo("firebreak.correlation.dlq.v1");
        // a storm on one input never waits on the four quiet ones (IncidentTopology.streamsProperties)
        assertThat(props.get("max.task.idle.ms")).isEqualTo(-1L);
    }

    @Test
    void correlationRunsAStreamThreadPerCoreUpToThePartitionCountUnlessSet(@TempDir Path dir) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        try (InstanceId instance = InstanceId.acquire(dir, Optional.of("pod-0"))) {
            assertThat(Settings.streamsProperties(parse("kafka: { partitions: 64 }"), instance).get("num.stream.threads"))
                    .isEqualTo(Math.min(cores, 64));
            assertThat(Settings.streamsProperties(parse("kafka: { partitions: 1 }"), instance).get("num.stream.threads")).isEqualTo(1);
            assertThat(Settings.streamsProperties(parse("kafka: { partitions: 1, streamThreads: 3 }"), instance).get("num.stream.threads"))
                    .isEqualTo(3);
        }
    }

    @Test
    void namedTokensCarryTheirScopesAndTheOlderIngestTokensKeepEveryScope() throws Exception {
        FirebreakConfiguration config = parse("""
                ingest: { tokens: ["old-secret"] }
                auth:
                  tokens:
                    - { name: grafana, token: "g", scopes: [read] }
                    - { name: soar, token: "s", scopes: [actions, read] }
                """);

        assertThat(config.auth.effectiveTokens(config.ingest)).containsExactly(
                new ApiToken("grafana", "g", Set.of(Scope.READ)),
                new ApiToken("soar", "s", Set.of(Scope.ACTIONS, Scope.READ)),
                new ApiToken("ingest-token-1", "old-secret", EnumSet.allOf(Scope.class)));
        assertThatThrownBy(() -> parse("auth: { tokens: [{ name: x, token: t, scopes: [admin] }] }")).hasMessageContaining("auth.tokens.[0].scopes");
        assertThatThrownBy(() -> parse("auth: { tokens: [{ name: x, token: t, scopes: [] }] }")).hasMessageContaining("scopes");
    }

    @Test
    void blankTokensFromUnsetVariablesDoNotCount() throws Exception {
        FirebreakConfiguration config = parse("ingest: { tokens: [\"\", \"  \", \"real\"] }");
        assertThat(config.ingest.effectiveTokens()).containsExactly("real");
    }
    @Test
    void kafkaPropertiesReachEveryClientAndBothStreamsApplicationsWithSecretsFromTheEnvironment(@TempDir Path dir) throws Exception {
        StringSubstitutor env = new StringSubstitutor(Map.of("KAFKA_JAAS", "ScramLoginModule required username=\"fb\" password=\"pw\";"));
        env.setEnableUndefinedVariableException(true);
        // substitution is textual: single quotes keep the JAAS line's double quotes
        FirebreakConfiguration config = factory.build(new SubstitutingSourceProvider(path -> new ByteArrayInputStream("""
                kafka:
                  bootstrapServers: broker:9093
                  properties: { security.protocol: SASL_SSL, sasl.mechanism: SCRAM-SHA-512, sasl.jaas.config: '${KAFKA_JAAS}' }
                """.getBytes(StandardCharsets.UTF_8)), env), "firebreak.yml");

        assertThat(config.kafka.clientSettings()).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "ScramLoginModule required username=\"fb\" password=\"pw\";");
        try (InstanceId instance = InstanceId.acquire(dir, Optional.of("pod-0"))) {
            assertThat(Settings.streamsProperties(config, instance)).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("processing.guarantee", "exactly_once_v2");
        }
    }

    @Test
    void kafkaPropertiesFirebreakOwnsAreRefusedByName() {
        assertThatThrownBy(() -> parse("kafka: { properties: { security.protocol: SSL, isolation.level: read_uncommitted } }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("kafka.properties")
                .hasMessageContaining("'isolation.level' is set by firebreak").hasMessageNotContaining("read_uncommitted");
        assertThatThrownBy(() -> parse("kafka: { properties: { producer.transactional.id: mine } }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'producer.transactional.id' is set by firebreak");
    }

    @Test
    void schemaRegistryUrlsDefaultToSchemaRegistryUrlAndTakeOneKindOfCredential() throws Exception {
        assertThat(parse("kafka: { schemaRegistryUrl: \"http://registry:8081\" }").kafka.schemaRegistry.connection("http://registry:8081").urls())
                .extracting(Object::toString).containsExactly("http://registry:8081/");
        FirebreakConfiguration managed = parse("""
                kafka:
                  schemaRegistry: { urls: ["https://a:8081", "https://b:8081"], username: fb, password: pw, autoRegister: false, useLatestVersion: true }
                """);
        assertThat(managed.kafka.schemaRegistry.connection("http://unused").urls()).hasSize(2);
        assertThat(managed.kafka.schemaRegistry.connection("http://unused").registration())
                .isEqualTo(io.firebreak.schemas.registry.SchemaRegistration.LATEST_VERSION);

        assertThatThrownBy(() -> parse("kafka: { schemaRegistry: { username: fb, password: pw, bearerToken: t } }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("bearerToken: choose one");
        assertThatThrownBy(() -> parse("kafka: { schemaRegistry: { useLatestVersion: true } }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("useLatestVersion");
    }
}

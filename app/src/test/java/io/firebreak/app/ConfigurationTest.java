package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import io.firebreak.app.kafka.InstanceId;
import org.apache.commons.text.StringSubstitutor;
import io.firebreak.app.config.StrictConfigurationFactoryFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.firebreak.app.cli.LayeredConfigurationSourceProvider;
import io.firebreak.app.config.RouteConfig;
import io.firebreak.streams.routing.RouteTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(config.slos.path).isEqualTo("examples/slos");
        assertThat(Settings.routes(config.routes)).isEqualTo(RouteTable.defaults());
    }

    @Test
    void productionExampleParsesWithItsVariablesSet() throws Exception {
        StringSubstitutor env = new StringSubstitutor(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SCHEMA_REGISTRY_URL", "http://registry:8081", "FIREBREAK_INGEST_TOKEN", "t0k3n"));
        env.setEnableUndefinedVariableException(true);
        FirebreakConfiguration config = factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), env),
                Path.of("..", "examples", "firebreak.yml").toString());
        assertThat(config.kafka.bootstrapServers).isEqualTo("kafka:9092");
        assertThat(config.ingest.effectiveTokens()).containsExactly("t0k3n");
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

    @Test
    void badDurationNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> parse("correlation: { window: 10xs }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("correlation.window").hasMessageContaining("10xs");
    }

    @Test
    void outOfRangeValueNamesTheKeyAndTheBound() {
        assertThatThrownBy(() -> parse("kafka: { partitions: 0 }"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("kafka.partitions").hasMessageContaining("greater than or equal to 1");
    }

    @Test
    void unknownRoleIsRefused() {
        assertThatThrownBy(() -> parse("roles: [ingest, pager]"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("roles.[1]").hasMessageContaining("expected: Role");
    }

    @Test
    void routeToAnUnknownReceiverNamesTheRoute() {
        RouteConfig route = new RouteConfig();
        route.matchers = List.of("severity=\"CRITICAL\"");
        route.receivers = List.of("pagerdutty");
        assertThatThrownBy(() -> Settings.routes(List.of(route)))
                .hasMessageContaining("routes[0].receivers").hasMessageContaining("pagerdutty");
    }

    @Test
    void malformedMatcherNamesTheRoute() {
        RouteConfig route = new RouteConfig();
        route.matchers = List.of("severity CRITICAL");
        route.receivers = List.of("slack");
        assertThatThrownBy(() -> Settings.routes(List.of(route))).hasMessageContaining("routes[0].matchers");
    }

    @Test
    void aMissingPostmortemTemplateFailsStartUpNamingTheFile(@TempDir Path dir) throws Exception {
        FirebreakConfiguration config = parse("postmortem: { template: " + dir.resolve("nope.mustache") + " }");
        assertThatThrownBy(() -> Settings.markdown(config)).hasMessageContaining("nope.mustache");
    }

    @Test
    void postmortemExportIsOffUnlessADirectoryIsConfigured(@TempDir Path dir) throws Exception {
        assertThat(Settings.exporter(parse("{}"), Settings.markdown(parse("{}")))).isEmpty();
        assertThat(Settings.exporter(parse("postmortem: { exportDir: " + dir + " }"), Settings.markdown(parse("{}")))).isPresent();
    }

    @Test
    void correlationStreamsAreExactlyOnceStaticKeepStandbysAndParkRecordsTheyCannotHandle(@TempDir Path dir) throws Exception {
        Properties props;
        try (InstanceId instance = InstanceId.acquire(dir, Optional.of("pod-0"))) {
            props = Settings.streamsProperties(parse("kafka: { standbyReplicas: 1, replicationFactor: 1 }"), instance);
        }
        assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
        // static membership on the main consumer only (restore and global consumers are no group members)
        assertThat(props.get("main.consumer.group.instance.id")).isEqualTo("pod-0-correlation");
        assertThat(props).doesNotContainKey("group.instance.id");
        assertThat(props.get("num.standby.replicas")).isEqualTo(1);
        assertThat(props.get("processing.exception.handler")).isEqualTo(io.firebreak.schemas.kafka.errors.DeadLetterProcessingHandler.class);
        assertThat(props.get("production.exception.handler")).isEqualTo(io.firebreak.schemas.kafka.errors.UnwritableRecordHandler.class);
        assertThat(props.get("deserialization.exception.handler")).isEqualTo(io.firebreak.schemas.kafka.errors.PoisonRecordHandler.class);
        assertThat(props.get("errors.dead.letter.queue.topic.name")).isEqualTo("firebreak.correlation.dlq.v1");
    }

    @Test
    void blankTokensFromUnsetVariablesDoNotCount() throws Exception {
        FirebreakConfiguration config = parse("ingest: { tokens: [\"\", \"  \", \"real\"] }");
        assertThat(config.ingest.effectiveTokens()).containsExactly("real");
    }
}

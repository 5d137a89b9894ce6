package io.firebreak.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import io.firebreak.postmortem.PostmortemBuilder;
import io.firebreak.postmortem.PostmortemSettings;
import io.firebreak.slo.config.SloDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up reads the postmortem template and the SLO files once: the server runs on what the checks read. */
class StartupChecksTest {

    private static final String SLO = """
            slos:
              - name: trade_execution_latency
                service: trade-engine
                objective: 99.9
                indicator:
                  latency: { threshold: 10ms }
            """;

    private final ConfigurationFactory<FirebreakConfiguration> factory = new StrictConfigurationFactoryFactory<FirebreakConfiguration>()
            .create(FirebreakConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void theServerRunsOnTheTemplateAndTheSlosTheChecksRead(@TempDir Path dir) throws Exception {
        Path template = Files.writeString(dir.resolve("postmortem.mustache"), "# {{incidentId}}, as the checks read it\n");
        Path slos = Files.writeString(dir.resolve("slos.yml"), SLO);
        FirebreakConfiguration config = parse("roles: [api]\npostmortem: { template: " + template + " }\nslos: { path: " + slos + " }\n");

        StartupChecks.Loaded loaded = StartupChecks.requireNone(config);
        // changed after the checks: a second reading would see these
        Files.writeString(template, "{{#unclosed");
        Files.delete(slos);

        assertThat(loaded.markdown().render(postmortem("oci-fra-1.20261128.0042"))).isEqualTo("# oci-fra-1.20261128.0042, as the checks read it\n");
        assertThat(loaded.slos()).extracting(SloDefinition::name).containsExactly("trade_execution_latency");
    }

    @Test
    void aBrokenTemplateIsAProblemAndNothingIsHandedOn(@TempDir Path dir) throws Exception {
        Path template = Files.writeString(dir.resolve("postmortem.mustache"), "{{#unclosed");
        FirebreakConfiguration config = parse("roles: [api]\npostmortem: { template: " + template + " }\n");

        assertThat(StartupChecks.problems(config)).singleElement().asString().contains("postmortem.mustache");
        assertThatThrownBy(() -> StartupChecks.requireNone(config)).isInstanceOf(StartupChecks.InvalidConfigurationException.class);
    }

    private FirebreakConfiguration parse(String yaml) throws Exception {
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "firebreak.yml");
    }

    private static io.firebreak.events.Postmortem postmortem(String id) {
        Instant opened = Instant.parse("2026-11-28T08:58:15Z");
        Incident incident = Incident.newBuilder().setId(id).setCluster("oci-fra-1").setSeverity(Severity.HIGH).setStage(Stage.RECOVERED)
                .setOpenedAt(opened).setUpdatedAt(opened.plusSeconds(1800)).build();
        return new PostmortemBuilder(new PostmortemSettings(Optional.empty(), Optional.empty(), "loki", Duration.ofMinutes(15), 20),
                Clock.fixed(opened.plusSeconds(3600), ZoneOffset.UTC)).build(incident);
    }
}

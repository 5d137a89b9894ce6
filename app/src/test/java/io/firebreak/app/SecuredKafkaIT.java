package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.firebreak.app.kafka.KafkaAccess;
import io.firebreak.embedded.EmbeddedCluster;
import io.firebreak.embedded.SecuredListener;
import io.firebreak.embedded.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * firebreak against a broker it may only reach over SASL_SSL (SCRAM-SHA-512, a certificate from a CA made for this
 * test), configured as for a production cluster through {@code kafka.properties}: a client that missed the settings
 * would knock on the TLS port in plain text and never get an answer. The registry stays plain HTTP (its security is
 * {@code RestSchemaRegistryClientAccessTest}'s).
 */
class SecuredKafkaIT {

    private static final String USER = "firebreak";
    private static final String PASSWORD = "scram-pa55-" + Long.toHexString(System.nanoTime());
    private static final String TOKEN = "it-token-1";

    @TempDir
    static Path dir;
    private static EmbeddedCluster cluster;
    private static TestCertificates certificates;
    private static RecordingPagerDuty pagerDuty;

    @BeforeAll
    static void startSecuredBroker() throws IOException {
        certificates = TestCertificates.create(dir);
        cluster = EmbeddedCluster.start(dir.resolve("cluster"), new SecuredListener(certificates.keyStore(), certificates.password(), USER, PASSWORD));
        pagerDuty = new RecordingPagerDuty();
    }

    @AfterAll
    static void stop() throws Exception {
        try (EmbeddedCluster broker = cluster; RecordingPagerDuty receiver = pagerDuty) {
            // only closing them: in reverse order (the broker last), one that never started is null and skipped
        }
    }

    @Test
    void anAlertPagesThroughTheSecuredBrokerAndNoCredentialIsLogged() throws Exception {
        Path log = dir.resolve("right.log");
        DropwizardTestSupport<FirebreakConfiguration> app = TestApps.start(config(log).toString(), cluster.kafka().securedBootstrapServers(), cluster, dir.resolve("right-state"), "secured",
                secured(PASSWORD, ConfigOverride.config("receivers.pagerduty.url", pagerDuty.enqueueUrl()),
                        ConfigOverride.config("receivers.pagerduty.routingKey", "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx")));
        try {
            String payload = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json")));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + app.getLocalPort() + "/v1/alertmanager"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(90)).until(() -> !pagerDuty.triggers().isEmpty());
        } finally {
            app.after();
        }
        String output = Files.readString(log);
        assertThat(output).contains("event=kafka_clients").contains("sasl.jaas.config=<redacted>").doesNotContain(PASSWORD);
        assertThat(output).as("every client speaks SASL_SSL: none knocks in plain text and is dropped").doesNotContain("disconnected");
    }

    @Test
    void aWrongPasswordStopsStartUpAtOnceWithOneActionableLine() throws Exception {
        Path log = dir.resolve("wrong.log");
        String wrongPassword = "wrong-" + PASSWORD;
        long started = System.nanoTime();

        assertThatThrownBy(() -> TestApps.start(config(log).toString(), cluster.kafka().securedBootstrapServers(), cluster, dir.resolve("wrong-state"), "secured-wrong",
                secured(wrongPassword)))
                .isInstanceOfSatisfying(KafkaAccess.RefusedException.class, e -> {
                    assertThat(e.getStackTrace()).as("nothing but the message is printed").isEmpty();
                    assertThat(e.getCause()).isNull();
                })
                .hasMessageStartingWith("Kafka authentication failed for bootstrap.servers=" + cluster.kafka().securedBootstrapServers())
                .hasMessageContaining("check kafka.properties")
                .hasMessageContaining("sasl.jaas.config")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining(wrongPassword);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

        // the admin client that met the refusal is closed: nothing goes on retrying and logging
        int linesAtFailure = authenticationLines(log);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> authenticationLines(log) == linesAtFailure);
        assertThat(linesAtFailure).isLessThanOrEqualTo(2);
        assertThat(Files.readString(log)).doesNotContain(wrongPassword);
    }

    private static ConfigOverride[] secured(String password, ConfigOverride... more) {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\"" + password + "\";";
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                property("security.protocol", "SASL_SSL"),
                property("sasl.mechanism", "SCRAM-SHA-512"),
                property("sasl.jaas.config", jaas),
                property("ssl.truststore.location", certificates.trustStore().toString()),
                property("ssl.truststore.password", certificates.password()),
                property("ssl.truststore.type", "PKCS12")));
        overrides.addAll(List.of(more));
        return overrides.toArray(ConfigOverride[]::new);
    }

    /** {@code kafka.properties.<key>}, the key's own dots escaped so the override does not read them as nesting. */
    private static ConfigOverride property(String key, String value) {
        return ConfigOverride.config("kafka.properties." + key.replace(".", "\\."), value);
    }

    /** The tests' configuration with its log also written to {@code log}, to read what firebreak logged. */
    private static Path config(Path log) throws IOException {
        String base = Files.readString(Path.of(ResourceHelpers.resourceFilePath("it.yml")));
        String withFile = base.replace("logging:\n  level: WARN\n", "logging:\n  level: WARN\n  appenders: [{ type: console }, { type: file, currentLogFilename: "
                + log + ", archive: false }]\n");
        assertThat(withFile).isNotEqualTo(base);
        return Files.writeString(dir.resolve(log.getFileName() + ".yml"), withFile);
    }

    private static int authenticationLines(Path log) throws IOException {
        return (int) Files.readAllLines(log).stream().filter(line -> line.toLowerCase(Locale.ROOT).contains("authentication")).count();
    }
}

package io.firebreak.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorPropertiesTest {

    @Test
    void acceptsSecuritySettings() {
        Map<String, String> secured = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.location", "/etc/firebreak/ca.p12", "consumer.max.poll.records", "200");

        assertThat(OperatorProperties.check(secured)).isEqualTo(secured);
    }

    @ParameterizedTest
    @ValueSource(strings = {"processing.guarantee", "isolation.level", "enable.idempotence", "transactional.id", "group.instance.id",
            "key.serializer", "value.deserializer", "acks", "bootstrap.servers", "producer.enable.idempotence", "main.consumer.isolation.level"})
    void refusesWhatFirebreakOwnsNamingTheKeyButNotTheValue(String key) {
        assertThatThrownBy(() -> OperatorProperties.check(Map.of(key, "sekrit-value")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kafka.properties: '" + key + "' is set by firebreak")
                .hasMessageNotContaining("sekrit-value");
    }

    @Test
    void redactsEveryValueThatMayBeACredential() {
        Map<String, String> shown = OperatorProperties.redacted(Map.of("security.protocol", "SASL_SSL",
                "sasl.jaas.config", "ScramLoginModule required password=\"hunter2\";", "ssl.truststore.password", "changeit",
                "ssl.key.password", "k3y", "sasl.oauthbearer.client.credentials.client.secret", "s3cr3t"));

        assertThat(shown).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "<redacted>").containsEntry("ssl.truststore.password", "<redacted>")
                .containsEntry("ssl.key.password", "<redacted>").containsEntry("sasl.oauthbearer.client.credentials.client.secret", "<redacted>");
        assertThat(shown.toString()).doesNotContain("hunter2", "changeit", "k3y", "s3cr3t");
    }
}

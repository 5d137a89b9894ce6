package io.firebreak.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An overlay written for a real, secured cluster still starts standalone, whose own broker and registry are plain. */
class StandaloneKafkaTest {

    @Test
    void theEmbeddedClusterDropsConnectionSecurityAndKeepsTuning() {
        KafkaConfig kafka = new KafkaConfig();
        kafka.properties = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "secret",
                "ssl.truststore.location", "/etc/ca.p12", "linger.ms", "5");
        kafka.schemaRegistry.username = "registry-user";
        kafka.schemaRegistry.password = "registry-secret";
        kafka.replicationFactor = 3;

        List<String> dropped = kafka.useEmbedded("127.0.0.1:9092", "http://127.0.0.1:8085");

        assertThat(dropped).containsExactly("sasl.jaas.config", "sasl.mechanism", "security.protocol", "ssl.truststore.location");
        assertThat(kafka.clientSettings()).containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "127.0.0.1:9092", "linger.ms", "5"));
        assertThat(kafka.schemaRegistry.username).isEmpty();
        assertThat(kafka.schemaRegistryUrl).isEqualTo("http://127.0.0.1:8085");
        assertThat(kafka.replicationFactor).isEqualTo((short) 1);
    }
}

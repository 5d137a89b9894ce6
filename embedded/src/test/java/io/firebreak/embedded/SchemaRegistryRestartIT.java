package io.firebreak.embedded;

import static io.firebreak.embedded.RegistryHttp.record;
import static io.firebreak.embedded.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.RegistryHttp.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ids and settings live in {@code _schemas}, so they outlive the registry and the broker process. */
class SchemaRegistryRestartIT {

    private static final String V1 = record("Page", "{\"name\":\"id\",\"type\":\"string\"}");
    private static final String V2 = record("Page", "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\",\"default\":1}");
    private static final String OTHER = record("Other", "{\"name\":\"x\",\"type\":\"long\"}");

    @Test
    void idsVersionsAndConfigSurviveRegistryAndBrokerRestarts(@TempDir Path dataDir) {
        int id1;
        int id2;
        int registryPort;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dataDir, 0, 0)) {
            RegistryHttp http = new RegistryHttp(cluster.schemaRegistryUrl());
            id1 = http.post("/subjects/pages-value/versions", schemaBody(V1)).body().path("id").asInt();
            id2 = http.post("/subjects/pages-value/versions", schemaBody(V2)).body().path("id").asInt();
            http.put("/config", "{\"compatibility\":\"FULL\"}");
            registryPort = cluster.registry().port();

            // Registry alone restarts on the same broker and port.
            cluster.registry().stop();
            try (EmbeddedSchemaRegistry again = EmbeddedSchemaRegistry.start(cluster.bootstrapServers(), registryPort)) {
                RegistryHttp http2 = new RegistryHttp(again.url());
                assertSameState(http2, id1, id2);
                int other = http2.post("/subjects/other-value/versions", schemaBody(OTHER)).body().path("id").asInt();
                assertThat(other).isNotIn(id1, id2);
            }
        }

        // The whole cluster restarts on the same data directory.
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dataDir, 0, 0)) {
            assertSameState(new RegistryHttp(cluster.schemaRegistryUrl()), id1, id2);
        }
    }

    @Test
    void readsAreAnsweredWhileKafkaIsDownAndWritesWorkAgainWhenItReturns(@TempDir Path dataDir) {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dataDir, 0, 0)) {
            RegistryHttp http = new RegistryHttp(cluster.schemaRegistryUrl());
            int id = http.post("/subjects/pages-value/versions", schemaBody(V1)).body().path("id").asInt();

            cluster.kafka().stop();
            assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
            assertThat(http.post("/subjects/pages-value", schemaBody(V1)).body().path("id").asInt()).isEqualTo(id);
            assertThat(http.post("/subjects/pages-value/versions", schemaBody(V1)).body().path("id").asInt())
                    .as("already registered: no write needed").isEqualTo(id);

            cluster.kafka().restart();
            // The registry's producer reconnects by itself to the broker back on the same port.
            Answer registered = http.post("/subjects/pages-value/versions", schemaBody(V2));
            assertThat(registered.status()).isEqualTo(200);
            assertThat(registered.body().path("id").asInt()).isNotEqualTo(id);
        }
    }

    private static void assertSameState(RegistryHttp http, int id1, int id2) {
        assertThat(http.post("/subjects/pages-value/versions", schemaBody(V1)).body().path("id").asInt()).isEqualTo(id1);
        assertThat(http.post("/subjects/pages-value/versions", schemaBody(V2)).body().path("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/pages-value/versions").body().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/schemas/ids/" + id2).status()).isEqualTo(200);
        assertThat(http.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("FULL");
    }
}

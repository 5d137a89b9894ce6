package io.firebreak.embedded;

import static io.firebreak.embedded.RegistryHttp.record;
import static io.firebreak.embedded.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.embedded.RegistryHttp.Answer;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedClusterExtension.class)
class EmbeddedSchemaRegistryIT {

    private static final String V1 = record("Alert", "{\"name\":\"name\",\"type\":\"string\"}");
    private static final String V2 = record("Alert", "{\"name\":\"name\",\"type\":\"string\"},"
            + "{\"name\":\"severity\",\"type\":\"string\",\"default\":\"LOW\"}");
    private static final String V2_REQUIRED = record("Alert", "{\"name\":\"name\",\"type\":\"string\"},"
            + "{\"name\":\"owner\",\"type\":\"string\"}");

    private final RegistryHttp http;

    EmbeddedSchemaRegistryIT(EmbeddedCluster cluster) {
        this.http = new RegistryHttp(cluster.schemaRegistryUrl());
    }

    @Test
    void registeringTheSameSchemaTwiceGivesTheSameIdAndOneVersion() {
        String subject = subject();
        Answer first = http.post("/subjects/" + subject + "/versions", schemaBody(V1));
        Answer second = http.post("/subjects/" + subject + "/versions", schemaBody(V1));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.body().path("id").asInt()).isEqualTo(first.body().path("id").asInt()).isPositive();
        assertThat(http.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void theSameSchemaUnderAnotherSubjectKeepsItsGlobalId() {
        String schema = record("Shared" + UUID.randomUUID().toString().replace("-", ""), "{\"name\":\"x\",\"type\":\"int\"}");
        int a = http.post("/subjects/" + subject() + "/versions", schemaBody(schema)).body().path("id").asInt();
        int b = http.post("/subjects/" + subject() + "/versions", schemaBody(schema)).body().path("id").asInt();

        assertThat(b).isEqualTo(a);
    }

    @Test
    void lookupByIdAndVersionReturnTheRegisteredSchema() {
        String subject = subject();
        int id1 = http.post("/subjects/" + subject + "/versions", schemaBody(V1)).body().path("id").asInt();
        int id2 = http.post("/subjects/" + subject + "/versions", schemaBody(V2)).body().path("id").asInt();

        Answer lookup = http.post("/subjects/" + subject, schemaBody(V1));
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().path("subject").asText()).isEqualTo(subject);
        assertThat(lookup.body().path("id").asInt()).isEqualTo(id1);
        assertThat(lookup.body().path("version").asInt()).isEqualTo(1);
        assertThat(parse(lookup.body().path("schema").asText())).isEqualTo(parse(V1));

        assertThat(parse(http.get("/schemas/ids/" + id2).body().path("schema").asText())).isEqualTo(parse(V2));
        Answer latest = http.get("/subjects/" + subject + "/versions/latest");
        assertThat(latest.body().path("version").asInt()).isEqualTo(2);
        assertThat(latest.body().path("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/" + subject + "/versions/1").body().path("id").asInt()).isEqualTo(id1);
        assertThat(http.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects").body().toString()).contains("\"" + subject + "\"");
    }

    @Test
    void unknownSubjectSchemaVersionAndIdAnswer404WithConfluentCodes() {
        String subject = subject();
        assertError(http.post("/subjects/" + subject, schemaBody(V1)), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/1"), 404, 40401);
        assertError(http.get("/schemas/ids/999999"), 404, 40403);

        http.post("/subjects/" + subject + "/versions", schemaBody(V1));
        assertError(http.post("/subjects/" + subject, schemaBody(V2)), 404, 40403);
        assertError(http.get("/subjects/" + subject + "/versions/7"), 404, 40402);
    }

    @Test
    void incompatibleSchemaIsRefusedWith409AndCompatibilityCheckSaysSo() {
        String subject = subject();
        http.post("/subjects/" + subject + "/versions", schemaBody(V1));

        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(V2_REQUIRED))
                .body().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(V2))
                .body().path("is_compatible").asBoolean(false)).isTrue();
        assertError(http.post("/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED)), 409, 409);
        assertThat(http.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[1]");
    }

    @Test
    void garbageSchemaIsRefusedWith422() {
        assertError(http.post("/subjects/" + subject() + "/versions", schemaBody("{\"type\":\"record\",\"name\":")), 422, 42201);
        assertError(http.post("/subjects/" + subject() + "/versions", schemaBody("{\"type\":\"nonsense\"}")), 422, 42201);
    }

    @Test
    void subjectLevelCompatibilityOverridesTheGlobalOne() {
        String subject = subject();
        http.post("/subjects/" + subject + "/versions", schemaBody(V1));

        Answer set = http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}");

        assertThat(set.body().path("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(V2_REQUIRED)).status()).isEqualTo(200);
        assertThat(http.get("/config/" + subject).body().path("compatibilityLevel").asText()).isEqualTo("NONE");
    }

    @Test
    void globalConfigIsReadAndWritten() {
        // Tests share the registry: put the level back so other tests keep BACKWARD.
        assertThat(http.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        try {
            assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").body().path("compatibility").asText()).isEqualTo("FULL");
            assertThat(http.get("/config").body().path("compatibilityLevel").asText()).isEqualTo("FULL");
            assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        } finally {
            http.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        }
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as("HTTP status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.body().path("error_code").asInt()).isEqualTo(errorCode);
        assertThat(answer.body().path("message").asText()).isNotBlank();
    }

    private static String subject() {
        return "test-" + UUID.randomUUID() + "-value";
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}

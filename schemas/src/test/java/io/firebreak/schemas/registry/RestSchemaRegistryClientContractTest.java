package io.firebreak.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.firebreak.events.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry client against Confluent Schema Registry's own answers (contract fixtures in
 * {@code contracts/confluent-schema-registry.json}, from Confluent's API reference): ids, lookups, versions and
 * compatibility read as Confluent writes them, and each documented error code becomes the right failure — a missing
 * subject or schema "not registered", 409 incompatible, 422 a permanent refusal, 500 worth retrying.
 */
class RestSchemaRegistryClientContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final List<String> unanswered = new CopyOnWriteArrayList<>();
    private static HttpServer confluent;
    private static String url;

    @BeforeAll
    static void serveTheRecordedAnswers() throws IOException {
        Map<String, JsonNode> answers = new HashMap<>();
        try (InputStream fixture = RestSchemaRegistryClientContractTest.class.getResourceAsStream("/contracts/confluent-schema-registry.json")) {
            for (JsonNode exchange : JSON.readTree(fixture).path("exchanges")) {
                answers.put(exchange.at("/request/method").asText() + " " + exchange.at("/request/path").asText(), exchange.path("response"));
            }
        }
        confluent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        confluent.createContext("/", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            JsonNode answer = answers.get(call);
            if (answer == null) {
                unanswered.add(call);
            }
            byte[] body = (answer == null ? "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}" : answer.path("body").toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(answer == null ? 404 : answer.path("status").asInt(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        confluent.start();
        url = "http://127.0.0.1:" + confluent.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        confluent.stop(0);
        assertThat(unanswered).as("calls the fixtures have no recorded answer for").isEmpty();
    }

    private static RestSchemaRegistryClient client() {
        return new RestSchemaRegistryClient(url);
    }

    @Test
    void registerLookupAndReadBackUseConfluentsIdsAndVersions() {
        assertThat(client().register("firebreak.signals.v1-value", Signal.getClassSchema())).isEqualTo(100001);
        assertThat(client().lookup("firebreak.signals.v1-value", Signal.getClassSchema())).contains(100001);
        assertThat(client().schemaById(100001)).isEqualTo(STRING);
        SchemaRegistryClient.RegisteredSchema latest = client().version("firebreak.signals.v1-value", "latest");
        assertThat(latest.subject()).isEqualTo("firebreak.signals.v1-value");
        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.id()).isEqualTo(100001);
        assertThat(client().compatibility()).isEqualTo("BACKWARD");
    }

    @Test
    void aMissingSubjectOrSchemaIsNotRegisteredRatherThanAnError() {
        assertThat(client().lookup("unknown-value", Signal.getClassSchema())).as("40401").isEmpty();
        assertThat(client().lookup("firebreak.changes.v1-value", Signal.getClassSchema())).as("40403").isEmpty();
        assertThat(client().isCompatible("unknown-value", Signal.getClassSchema())).as("nothing to be incompatible with").isTrue();
        assertThatThrownBy(() -> client().schemaById(7)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void compatibilityAnswersAreRead() {
        assertThat(client().isCompatible("firebreak.signals.v1-value", Signal.getClassSchema())).isTrue();
        assertThat(client().isCompatible("firebreak.incidents.v1-value", Signal.getClassSchema())).isFalse();
    }

    @Test
    void eachDocumentedErrorCodeBecomesTheFailureItMeans() {
        assertThatThrownBy(() -> client().register("firebreak.incidents.v1-value", Signal.getClassSchema()))
                .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> client().register("firebreak.logs.v1-value", Signal.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.retryable()).as("an invalid schema stays invalid").isFalse();
                });
        assertThatThrownBy(() -> client().register("firebreak.rca.v1-value", Signal.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
    }
}

package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.EventSink;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Whatever a sender posts, the answer is 202 or a 4xx with a JSON error, never a 5xx: every accepted event
 * must also serialize to Avro (a null in a required field would otherwise fail at write time).
 */
class IngestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Serdes SERDES = new Serdes(new InMemorySchemaRegistryClient());
    private static DropwizardClientExtension app;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Serializes what it is given, as the real writer does before touching Kafka. */
    private static final EventSink SERIALIZING_SINK = records -> records.forEach(IngestFuzzTest::serialize);

    private static <V extends SpecificRecord> void serialize(EventRecord<V> record) {
        SERDES.value(record.topic()).serializer().serialize(record.topic().name(), record.value());
    }

    @BeforeContainer
    static void start() throws Throwable {
        app = new DropwizardClientExtension(new Ingest(IngestSettingsBuilder.of(List.of("t"), 64 * 1024, Duration.ofSeconds(1), "dc")
                        .rateLimit(new IngestSettings.RateLimit(1_000_000, 1_000_000)).build(),
                SERIALIZING_SINK, new PrometheusRegistry(), Clock.systemUTC()).feature());
        app.before();
    }

    @AfterContainer
    static void stop() {
        app.after();
    }

    @Property(tries = 300)
    void anyAlertmanagerShapedBodyGets202Or4xx(@ForAll("alertmanagerBodies") Map<String, Object> body) throws Exception {
        assertNoServerError(post("/v1/alertmanager", JSON.writeValueAsString(body)));
    }

    @Property(tries = 150)
    void anyChangeShapedBodyGets202Or4xx(@ForAll("changeBodies") Map<String, Object> body) throws Exception {
        assertNoServerError(post("/v1/changes", JSON.writeValueAsString(body)));
    }

    @Property(tries = 150)
    void anyTextGets202Or4xx(@ForAll("texts") String body) throws Exception {
        assertNoServerError(post("/v1/alertmanager", body));
        assertNoServerError(post("/v1/changes", body));
    }

    private static void assertNoServerError(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isIn(202, 400, 413);
        if (response.statusCode() != 202) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("error").asText()).isNotBlank();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUri() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer t")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,0123456789tfnrue \\").ofMaxLength(60));
    }

    @Provide
    Arbitrary<Map<String, Object>> alertmanagerBodies() {
        Arbitrary<Object> alert = Combinators.combine(
                anyOr(Arbitraries.of("firing", "resolved")), anyOr(stringMaps()), anyOr(stringMaps()),
                anyOr(timestamps()), anyOr(timestamps()), anyOr(Arbitraries.strings().ofMaxLength(20)),
                anyOr(Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(16))).as((status, labels, annotations, startsAt, endsAt, url, fingerprint) ->
                fields("status", status, "labels", labels, "annotations", annotations, "startsAt", startsAt,
                        "endsAt", endsAt, "generatorURL", url, "fingerprint", fingerprint));
        return Combinators.combine(
                anyOr(Arbitraries.of("4")), anyOr(Arbitraries.strings().ofMaxLength(30)), anyOr(Arbitraries.integers().between(-5, 5)),
                anyOr(Arbitraries.of("firing", "resolved")), anyOr(alert.list().ofMaxSize(4))).as((version, groupKey, truncated, status, alerts) ->
                fields("version", version, "groupKey", groupKey, "truncatedAlerts", truncated, "status", status, "alerts", alerts));
    }

    @Provide
    Arbitrary<Map<String, Object>> changeBodies() {
        return Combinators.combine(
                anyOr(Arbitraries.strings().ofMaxLength(20)), anyOr(Arbitraries.strings().ofMaxLength(20)),
                anyOr(Arbitraries.of("deployment", "config", "flag", "other", "deploy")),
                anyOr(Arbitraries.strings().ofMaxLength(10)), anyOr(timestamps()), anyOr(Arbitraries.strings().ofMaxLength(10)))
                .as((service, cluster, kind, version, time, id) ->
                        fields("service", service, "cluster", cluster, "kind", kind, "version", version, "time", time, "id", id));
    }

    /** Mostly the expected type, sometimes anything JSON can hold, sometimes absent (null). */
    private static Arbitrary<Object> anyOr(Arbitrary<?> expected) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, expected.map(Object.class::cast)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.oneOf(
                        Arbitraries.integers().map(Object.class::cast),
                        Arbitraries.of(true, false).map(Object.class::cast),
                        Arbitraries.strings().ofMaxLength(10).map(Object.class::cast),
                        Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(3).map(Object.class::cast),
                        stringMaps().map(Object.class::cast))));
    }

    private static Arbitrary<Map<String, String>> stringMaps() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("severity", "cluster", "service", "app", "job", "container",
                "alertname", "summary", "description", "runbook_url"), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("critical", "page", "warning", "info", "", " "),
                Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.maps(keys, values).ofMaxSize(6);
    }

    private static Arbitrary<String> timestamps() {
        return Arbitraries.oneOf(
                Arbitraries.of("0001-01-01T00:00:00Z", "2026-11-28T09:12:03.512734861Z", "2026-11-28T11:12:03+02:00", "", "soon",
                        "9999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"),
                Arbitraries.strings().withChars("0123456789-T:.Z+").ofMaxLength(30));
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }
}

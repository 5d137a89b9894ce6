package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.firebreak.ingest.EventRecord;
import io.firebreak.ingest.EventSink;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettings;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.TestHttp;
import io.firebreak.ingest.callbacks.HmacSha256;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.specific.SpecificRecord;

/**
 * 10,000 hostile requests spread over every ingest endpoint: mutated samples (truncated, wrong types, missing fields,
 * huge strings, deep nesting, invalid UTF-8), random bytes and wrong content types; for the callbacks, many of them
 * correctly signed so the parsers behind the signature check get hit too. Whatever arrives: never a 5xx, every
 * refusal a JSON error, and a refused request writes nothing. Every record that is written serializes to Avro, as
 * the real writer does before touching Kafka (a record the pipeline cannot read would fail right there).
 */
class HostileInputFuzzTest {

    private static final String PD_SECRET = "pd-fuzz-secret";
    private static final String SLACK_SECRET = "slack-fuzz-secret";
    private static final long MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Serdes SERDES = new Serdes(new InMemorySchemaRegistryClient());
    private static final AtomicLong WRITTEN = new AtomicLong();
    /** Serializes everything it is given (as EventWriter does first) and counts it. */
    private static final EventSink SINK = records -> {
        records.forEach(HostileInputFuzzTest::serialize);
        WRITTEN.addAndGet(records.size());
    };
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/v1/alertmanager", "application/json", "alertmanager-firing.json", Auth.BEARER),
            new Endpoint("/v1/changes", "application/json", null, Auth.BEARER),
            new Endpoint("/v1/coroot", "application/json", "coroot-incident.json", Auth.BEARER),
            new Endpoint("/v1/coroot", "application/json", "coroot-deployment.json", Auth.BEARER),
            new Endpoint("/v1/logs", "application/x-ndjson", null, Auth.BEARER),
            new Endpoint("/v1/callbacks/pagerduty", "application/json", "pagerduty-v3-webhook-incident-acknowledged.json", Auth.PAGERDUTY),
            new Endpoint("/v1/callbacks/slack", "application/x-www-form-urlencoded", "slack-interactive-ack.json", Auth.SLACK),
            new Endpoint("/v1/incidents/oci-fra-1.20261128.0042/actions", "application/json", null, Auth.BEARER),
            new Endpoint("/v1/incidents/%E2%80%AE%20not.an.id/actions", "application/json", null, Auth.BEARER));
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-ndjson", "text/plain",
            "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=latin1", "");

    private static DropwizardClientExtension app;
    private static TestHttp http;
    private static final Map<String, String> SAMPLES = new HashMap<>();

    @BeforeContainer
    static void start() throws Throwable {
        IngestSettings settings = IngestSettingsBuilder.of(List.of("t"), MAX_BODY, Duration.ofSeconds(1), "dc")
                .rateLimit(new IngestSettings.RateLimit(1_000_000, 1_000_000))
                .callbackSecrets(List.of(PD_SECRET), List.of(SLACK_SECRET))
                .maxLogLines(500).build();
        app = new DropwizardClientExtension(new Ingest(settings, SINK, new PrometheusRegistry(), Clock.systemUTC()).feature());
        app.before();
        http = new TestHttp(app.baseUri().toString());
        for (String sample : List.of("alertmanager-firing.json", "coroot-incident.json", "coroot-deployment.json",
                "pagerduty-v3-webhook-incident-acknowledged.json", "slack-interactive-ack.json")) {
            SAMPLES.put(sample, TestHttp.sample(sample).replace("inc:oci-fra-1:trade-engine:TradeEngineHighLatency", "oci-fra-1.20261128.0042")
                    .replace("INC-20261128-0042", "oci-fra-1.20261128.0042"));
        }
        SAMPLES.put("changes", "{\"service\":\"trade-engine\",\"cluster\":\"oci-fra-1\",\"kind\":\"deployment\",\"version\":\"v2\","
                + "\"author\":\"jane\",\"url\":\"https://ci/1\",\"time\":\"2026-11-28T09:05:00Z\"}");
        SAMPLES.put("logs", LogsResourceTest.TRADE_ENGINE_LINE);
        SAMPLES.put("actions", "{\"action\":\"action-item\",\"actor\":\"dana\",\"note\":\"fix\",\"owner\":\"jane\",\"due\":\"2026-12-05\"}");
    }

    @AfterContainer
    static void stop() {
        app.after();
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void noHostileRequestGetsA5xxOrWritesWhenRefused(@ForAll("endpoints") Endpoint endpoint, @ForAll("seeds") long seed) throws Exception {
        Random random = new Random(seed);
        byte[] body = hostileBody(endpoint, random);
        if (endpoint.auth() == Auth.SLACK && random.nextInt(5) != 0) {
            body = slackForm(body); // Slack wraps the JSON in a form; sometimes leave it bare
        }
        String contentType = random.nextInt(8) == 0 ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())) : endpoint.contentType();
        Map<String, String> headers = headers(endpoint, body, contentType, random);

        long before = WRITTEN.get();
        HttpResponse<String> response;
        try {
            response = http.post(endpoint.path(), body, headers);
        } catch (java.io.IOException e) {
            if (body.length > MAX_BODY) {
                // An oversized body is answered 413 at once and the connection closed while the client still sends;
                // the JDK client then sees a reset instead of the answer. (Bodies within the limit are read to the
                // end before a refusal goes out — DrainRefusedBodies — so they always get their answer.)
                assertThat(WRITTEN.get() - before).isZero();
                return;
            }
            // The JDK client may pick a pooled connection the server closed after such a 413: ask once more, fresh.
            response = new TestHttp(app.baseUri().toString()).post(endpoint.path(), body, headers);
        }
        long written = WRITTEN.get() - before;

        assertThat(response.statusCode()).as("%s %s", endpoint.path(), response.body()).isLessThan(500);
        if (response.statusCode() >= 300) {
            assertThat(written).as("records written by a refused request to %s", endpoint.path()).isZero();
            assertThat(response.body()).as("%s %d %s", endpoint.path(), response.statusCode(), headers).startsWith("{");
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("error").asText()).as(response.body()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(ENDPOINTS);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static byte[] hostileBody(Endpoint endpoint, Random random) throws Exception {
        String sample = sample(endpoint);
        return switch (random.nextInt(10)) {
            case 0 -> utf8(sample.substring(0, random.nextInt(sample.length() + 1)));                  // truncated
            case 1, 2, 3 -> utf8(mutate(JSON.readTree(sample), random).toString());                    // wrong types / missing fields
            case 4 -> utf8(deepNesting(random));                                                       // deep nesting
            case 5 -> withInvalidUtf8(utf8(sample), random);                                           // invalid UTF-8
            case 6 -> randomBytes(random);                                                             // noise
            case 7 -> utf8(hugeString(sample, random));                                                // huge strings, huge body
            case 8 -> endpoint.path().equals("/v1/logs") ? utf8(ndjson(random)) : utf8(sample);         // mixed NDJSON
            default -> utf8(sample);                                                                    // the valid sample
        };
    }

    private static String sample(Endpoint endpoint) {
        if (endpoint.sample() != null) {
            return SAMPLES.get(endpoint.sample());
        }
        return SAMPLES.get(endpoint.path().startsWith("/v1/changes") ? "changes" : endpoint.path().startsWith("/v1/logs") ? "logs" : "actions");
    }

    /** Replaces, removes or retypes one to three random nodes of the tree. */
    private static JsonNode mutate(JsonNode root, Random random) {
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                if (random.nextInt(3) == 0) {
                    object.remove(name);
                } else {
                    object.set(name, anyValue(random));
                }
            } else if (target instanceof ArrayNode array && array.size() > 0) {
                array.set(random.nextInt(array.size()), anyValue(random));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            Iterator<JsonNode> children = node.elements();
            children.forEachRemaining(child -> collect(child, into));
        }
    }

    private static JsonNode anyValue(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.numberNode(random.nextLong());
            case 2 -> nodes.numberNode(random.nextDouble() * 1e300);
            case 3 -> nodes.booleanNode(random.nextBoolean());
            case 4 -> nodes.arrayNode().add(random.nextInt()).add("x");
            case 5 -> nodes.objectNode().put("k", "v");
            case 6 -> nodes.textNode("");
            case 7 -> nodes.textNode("\u0000\ud800\u202e" + "<script>");
            case 8 -> nodes.textNode("x".repeat(1 + random.nextInt(70_000)));
            case 9 -> nodes.textNode(random.nextBoolean() ? "9999-99-99T99:99:99Z" : "+999999999-12-31T23:59:59Z");
            case 10 -> nodes.textNode("oci-fra-1.20261128.0042");
            default -> nodes.textNode(randomText(random, 20));
        };
    }

    private static String deepNesting(Random random) {
        int depth = 20 + random.nextInt(5000);
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static byte[] withInvalidUtf8(byte[] body, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(body.length + 1);
        out.write(body, 0, at);
        byte[][] invalid = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88}};
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hugeString(String sample, Random random) {
        int size = random.nextBoolean() ? 70_000 : (int) MAX_BODY + 10;
        int quote = sample.indexOf("\":\"");
        return quote < 0 ? "x".repeat(size) : sample.substring(0, quote + 3) + "y".repeat(size) + sample.substring(quote + 3);
    }

    private static String ndjson(Random random) throws Exception {
        StringBuilder body = new StringBuilder();
        int lines = random.nextInt(600);
        for (int i = 0; i < lines; i++) {
            body.append(random.nextInt(4) == 0 ? mutate(JSON.readTree(SAMPLES.get("logs")), random) : SAMPLES.get("logs"))
                    .append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return body.toString();
    }

    private static String randomText(Random random, int max) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x3000));
        }
        return text.toString();
    }

    private static Map<String, String> headers(Endpoint endpoint, byte[] body, String contentType, Random random) {
        Map<String, String> headers = new HashMap<>();
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        boolean authentic = random.nextInt(5) != 0;
        switch (endpoint.auth()) {
            case BEARER -> headers.put("Authorization", "Bearer " + (authentic ? "t" : randomToken(random)));
            case PAGERDUTY -> headers.put("X-PagerDuty-Signature", "v1=" + HmacSha256.hex(authentic ? PD_SECRET : "nope", body));
            case SLACK -> {
                long ts = System.currentTimeMillis() / 1000 - (random.nextInt(4) == 0 ? 400 : 0);
                headers.put("X-Slack-Request-Timestamp", Long.toString(ts));
                headers.put("X-Slack-Signature", "v0=" + HmacSha256.hex(authentic ? SLACK_SECRET : "nope",
                        ("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8), body));
            }
        }
        return headers;
    }

    private static String randomToken(Random random) {
        return random.nextBoolean() ? "" : Long.toHexString(random.nextLong());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <V extends SpecificRecord> void serialize(EventRecord<V> record) {
        SERDES.value(record.topic()).serializer().serialize(record.topic().name(), record.value());
    }

    enum Auth { BEARER, PAGERDUTY, SLACK }

    record Endpoint(String path, String contentType, String sample, Auth auth) {

        @Override
        public String toString() {
            return path + (sample == null ? "" : " (" + sample + ")");
        }
    }

    /** Slack's body is a form around the JSON: percent-encode whatever bytes were generated, as Slack would. */
    static byte[] slackForm(byte[] payload) {
        StringBuilder form = new StringBuilder("payload=");
        for (byte b : payload) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 128) {
                form.append(c);
            } else {
                form.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return utf8(form.toString());
    }
}

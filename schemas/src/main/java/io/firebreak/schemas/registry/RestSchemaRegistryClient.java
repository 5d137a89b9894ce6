package io.firebreak.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.core.web.WebLinks;
import io.firebreak.schemas.http.BoundedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Schema Registry client speaking the documented Confluent REST API (the Confluent jars are not available
 * to this build). Works against a real Confluent Schema Registry and the embedded one alike.
 *
 * <p>Ids and registrations are cached forever: the registry guarantees an id always names the same schema
 * and re-registering a schema returns the same id, so a cache hit can never be stale.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** A schema is kilobytes; even a large one with its subject's metadata fits many times over. */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    /** The URL that answered last: calls start there, so one dead registry costs one timeout, not one per call. */
    private final AtomicInteger current = new AtomicInteger();
    private final Optional<String> authorization;
    private final SchemaRegistration registration;
    private final HttpClient http;
    private final Duration timeout;
    private final int maxAnswerBytes;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> latestIds = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public RestSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(5));
    }

    public RestSchemaRegistryClient(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, DEFAULT_MAX_ANSWER_BYTES);
    }

    /**
     * @param timeout        deadline of one call, the whole answer included: a registry that stalls mid-answer
     *                       cannot hold a producer or a deserializer longer
     * @param maxAnswerBytes longest answer read; a longer one fails the call as unavailable
     */
    public RestSchemaRegistryClient(String baseUrl, Duration timeout, int maxAnswerBytes) {
        this(RegistryConnection.of(baseUrl), timeout, maxAnswerBytes);
    }

    /**
     * @param connection URLs (failed over in order when one is unreachable), credentials, TLS and which id
     *                   {@link #idForWriting} gives
     */
    public RestSchemaRegistryClient(RegistryConnection connection, Duration timeout, int maxAnswerBytes) {
        this.urls = connection.urls();
        this.authorization = connection.authorization();
        this.registration = connection.registration();
        this.timeout = timeout;
        this.maxAnswerBytes = maxAnswerBytes;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        connection.tls().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /**
     * The id a serializer writes, as {@link SchemaRegistration} says: registered on first use, looked up, or the
     * subject's latest version's when it encodes records as {@code schema} does.
     */
    @Override
    public int idForWriting(String subject, Schema schema) {
        return switch (registration) {
            case AUTO_REGISTER -> register(subject, schema);
            case LOOKUP -> lookup(subject, schema).orElseThrow(() -> new SchemaRegistryException("schema " + schema.getFullName()
                    + " is not registered under subject " + subject + " and kafka.schemaRegistry.autoRegister is false: register it first",
                    404, 40403, null));
            case LATEST_VERSION -> latestIds.computeIfAbsent(new SubjectSchema(subject, schema), key -> latestMatching(subject, schema));
        };
    }

    private int latestMatching(String subject, Schema schema) {
        RegisteredSchema latest = version(subject, "latest");
        if (SchemaNormalization.parsingFingerprint64(latest.schema()) != SchemaNormalization.parsingFingerprint64(schema)) {
            throw new SchemaRegistryException("subject " + subject + " latest version " + latest.version() + " (id " + latest.id()
                    + ") does not encode records as firebreak's " + schema.getFullName() + " does: register firebreak's schema as the latest version",
                    409, 0, null);
        }
        schemasById.putIfAbsent(latest.id(), latest.schema());
        return latest.id();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Optional<Integer> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode answer = call("POST", "subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt();
            idsBySubjectSchema.put(key, id);
            return Optional.of(id);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "schemas/ids/" + id, null);
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema version(String subject, String version) {
        JsonNode answer = call("GET", "subjects/" + encode(subject) + "/versions/" + encode(version), null);
        Schema schema = parse(answer.path("schema").asText(), "subject " + subject + " version " + version);
        return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("version").asInt(),
                answer.path("id").asInt(), schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                return true; // nothing registered yet: any schema is compatible with an empty history
            }
            throw e;
        }
    }

    @Override
    public String compatibility() {
        return call("GET", "config", null).path("compatibilityLevel").asText();
    }

    @Override
    public void setCompatibility(String level) {
        call("PUT", "config", JSON.createObjectNode().put("compatibility", level).toString());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    /** Asks the registries in turn, from the one that answered last, until one is reachable. */
    private JsonNode call(String method, String path, String body) {
        int first = current.get();
        SchemaRegistryUnavailableException unreachable = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (first + attempt) % urls.size();
            try {
                JsonNode answer = call(urls.get(index), method, path, body);
                current.set(index);
                return answer;
            } catch (SchemaRegistryUnavailableException e) {
                unreachable = e;
            }
        }
        throw unreachable;
    }

    private JsonNode call(URI baseUrl, String method, String path, String body) {
        URI uri = baseUrl.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", CONTENT_TYPE);
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = BoundedExchange.send(http, request.build(), timeout, maxAnswerBytes);
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryUnavailableException(method + " " + uri + ": no complete answer within " + timeout, 0, e);
        } catch (BoundedExchange.BodyTooLargeException e) {
            throw new SchemaRegistryUnavailableException(method + " " + uri + ": " + e.getMessage(), 0, e);
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException(method + " " + uri + ": registry unreachable: " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException(method + " " + uri + ": interrupted", 0, e);
        }
        return answer(method, uri, response);
    }

    private static JsonNode answer(String method, URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode().put("message", abbreviate(response.body()));
        }
        if (status >= 200 && status < 300) {
            return json;
        }
        String message = method + " " + uri + " -> " + status + ": " + json.path("message").asText("(no message)");
        int errorCode = json.path("error_code").asInt(0);
        if (status == 409) {
            throw new IncompatibleSchemaException(message, errorCode);
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new SchemaRegistryUnavailableException(message, status, null);
        }
        throw new SchemaRegistryException(message, status, errorCode, null);
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("registry returned an unparsable schema for " + what + ": " + e.getMessage(), 200, 0, e);
        }
    }

    private static String encode(String segment) {
        return WebLinks.pathSegment(segment);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}

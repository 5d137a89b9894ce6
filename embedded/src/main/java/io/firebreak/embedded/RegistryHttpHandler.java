package io.firebreak.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the Confluent Schema Registry REST paths onto {@link SchemaRegistryService}. */
final class RegistryHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryService service;

    RegistryHttpHandler(SchemaRegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            List<String> path = segments(exchange.getRequestURI().getRawPath());
            int status = 200;
            JsonNode answer;
            try {
                answer = route(method, path, exchange.getRequestBody());
            } catch (RegistryException e) {
                status = e.httpStatus();
                answer = error(e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("event=registry_request_failed method={} path={} reason=\"{}\"", method, path, e.toString());
                status = 500;
                answer = error(50001, "Internal error: " + e.getMessage());
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private JsonNode route(String method, List<String> path, InputStream body) throws IOException {
        int n = path.size();
        if (n >= 1 && path.get(0).equals("subjects")) {
            if (n == 1 && method.equals("GET")) {
                return JSON.valueToTree(service.subjects());
            }
            String subject = path.get(1);
            if (n == 2 && method.equals("POST")) {
                return versionJson(service.lookup(subject, schemaText(body)));
            }
            if (n == 3 && path.get(2).equals("versions")) {
                if (method.equals("GET")) {
                    return JSON.valueToTree(service.versionNumbers(subject));
                }
                if (method.equals("POST")) {
                    return JSON.createObjectNode().put("id", service.register(subject, schemaText(body)));
                }
            }
            if (n == 4 && path.get(2).equals("versions") && method.equals("GET")) {
                return versionJson(service.version(subject, path.get(3)));
            }
            if (n == 5 && path.get(2).equals("versions") && path.get(4).equals("schema") && method.equals("GET")) {
                return JSON.readTree(service.version(subject, path.get(3)).schema().toString());
            }
        }
        if (n == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids") && method.equals("GET")) {
            return JSON.createObjectNode().put("schema", service.schemaById(id(path.get(2))).toString());
        }
        if (n == 5 && path.get(0).equals("compatibility") && path.get(1).equals("subjects") && path.get(3).equals("versions")
                && method.equals("POST")) {
            // Only "latest" is supported; the level decides whether earlier versions count too.
            return JSON.createObjectNode().put("is_compatible", service.isCompatibleWithLatest(path.get(2), schemaText(body)));
        }
        if (n >= 1 && path.get(0).equals("config")) {
            if (n == 1 && method.equals("GET")) {
                return JSON.createObjectNode().put("compatibilityLevel", service.globalLevel().name());
            }
            if (n == 1 && method.equals("PUT")) {
                return JSON.createObjectNode().put("compatibility", service.setGlobalLevel(field(body, "compatibility")).name());
            }
            if (n == 2 && method.equals("GET")) {
                return JSON.createObjectNode().put("compatibilityLevel", service.subjectLevel(path.get(1)).name());
            }
            if (n == 2 && method.equals("PUT")) {
                return JSON.createObjectNode().put("compatibility", service.setSubjectLevel(path.get(1), field(body, "compatibility")).name());
            }
        }
        if (n == 0 && method.equals("GET")) {
            return JSON.createObjectNode(); // Confluent answers {} on the root: handy as a liveness probe
        }
        throw new RegistryException(404, 404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path));
    }

    private static ObjectNode versionJson(SchemaVersion version) {
        return JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema().toString());
    }

    private static String schemaText(InputStream body) throws IOException {
        JsonNode json = readBody(body);
        String type = json.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException(422, RegistryException.INVALID_SCHEMA, "Invalid schema: only AVRO is supported, not " + type);
        }
        return field(json, "schema");
    }

    private static String field(InputStream body, String name) throws IOException {
        return field(readBody(body), name);
    }

    private static String field(JsonNode json, String name) {
        JsonNode value = json.path(name);
        if (!value.isTextual()) {
            throw new RegistryException(422, 422, "Unprocessable entity: the request has no '" + name + "' string");
        }
        return value.asText();
    }

    private static JsonNode readBody(InputStream body) throws IOException {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? JSON.createObjectNode() : json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RegistryException(400, 400, "Unexpected character in the request body: " + e.getOriginalMessage());
        }
    }

    private static int id(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("id " + text);
        }
    }

    private static JsonNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }
}

package io.firebreak.ingest.resources;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body fully, then parses it. Reading first (bounded by the body-limit filter) keeps the two
 * failures apart: too large → 413 from the stream, not JSON → 400 from Jackson.
 *
 * <p>Parsing is bounded too (Jackson's {@link StreamReadConstraints}): no sender's JSON may nest deeper than
 * {@link #MAX_NESTING_DEPTH} (deep nesting costs stack, and no contract nests more than a handful of levels) nor
 * carry one string longer than {@link #MAX_STRING_CHARS} (such a field would only bloat every event downstream).
 */
public final class JsonBodies {

    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_STRING_CHARS = 64 * 1024;
    public static final int MAX_NAME_CHARS = 1024;
    public static final int MAX_NUMBER_CHARS = 100;

    private final ObjectMapper json;

    public JsonBodies() {
        this.json = Jackson.newObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_CHARS)
                .maxNameLength(MAX_NAME_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .build());
    }

    public <T> T parse(InputStream body, Class<T> type) throws IOException {
        return parse(body.readAllBytes(), type);
    }

    public <T> T parse(byte[] body, Class<T> type) throws IOException {
        return json.readValue(body, type);
    }

    /** A JSON tree, for bodies whose shape varies (callbacks) or that are parsed piecewise (log lines). */
    public JsonNode tree(byte[] body) throws IOException {
        return parse(body, JsonNode.class);
    }

    public JsonNode tree(String text) throws IOException {
        return json.readValue(text, JsonNode.class);
    }

    public <T> T convert(JsonNode node, Class<T> type) throws IOException {
        return json.treeToValue(node, type);
    }
}

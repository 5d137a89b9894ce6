package io.firebreak.ingest.resources;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body fully, then parses it. Reading first (bounded by the body-limit filter) keeps the two
 * failures apart: too large → 413 from the stream, not JSON → 400 from Jackson.
 */
public final class JsonBodies {

    private final ObjectMapper json;

    public JsonBodies() {
        this.json = Jackson.newObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public <T> T parse(InputStream body, Class<T> type) throws IOException {
        byte[] bytes = body.readAllBytes();
        return json.readValue(bytes, type);
    }
}

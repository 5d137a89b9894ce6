package io.firebreak.ingest.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reading optional text out of a callback's JSON tree, where any field may be absent or of another type. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The non-blank trimmed text at the path, or empty (absent, null, blank, or not a string). */
    public static Optional<String> text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return Optional.empty();
            }
            current = current.get(name);
        }
        return current != null && current.isTextual() && !current.asText().isBlank()
                ? Optional.of(current.asText().trim()) : Optional.empty();
    }
}

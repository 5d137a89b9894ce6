package io.firebreak.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Lays the user's YAML over a base YAML (the bundled standalone defaults): mappings merge key by key,
 * everything else (lists, scalars) replaces. So a two-line file that only sets a PagerDuty URL keeps every
 * other standalone default — which Dropwizard's own override mechanism (system properties) cannot express.
 */
public final class LayeredConfigurationSourceProvider implements ConfigurationSourceProvider {

    /** The {@code path} that means "no user file: the base alone". */
    public static final String BASE_ONLY = "(standalone defaults)";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String baseResource;

    public LayeredConfigurationSourceProvider(String baseResource) {
        this.baseResource = baseResource;
    }

    @Override
    public InputStream open(String path) throws IOException {
        JsonNode merged = readBase();
        if (!BASE_ONLY.equals(path)) {
            JsonNode user = YAML.readTree(Files.readString(Path.of(path)));
            merged = merge(merged, user == null ? MissingNode.getInstance() : user);
        }
        return new ByteArrayInputStream(YAML.writeValueAsBytes(merged));
    }

    private JsonNode readBase() throws IOException {
        try (InputStream in = LayeredConfigurationSourceProvider.class.getResourceAsStream(baseResource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("bundled configuration " + baseResource + " is missing from the jar"));
            }
            return YAML.readTree(in);
        }
    }

    static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (overlay == null || overlay.isMissingNode()) {
            return base;
        }
        if (!(base instanceof ObjectNode baseObject) || !overlay.isObject()) {
            return overlay;
        }
        ObjectNode result = baseObject.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = result.get(field.getKey());
            result.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        }
        return result;
    }
}

package io.firebreak.slo.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses YAML documents into {@link YamlNode} trees that remember lines; every mistake goes to {@link Problems}. */
final class YamlTrees {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTrees() {
    }

    /** Every document of the stream ({@code ---} separated); empty when the YAML itself is broken. */
    static List<YamlNode> parse(Reader reader, Problems problems) {
        List<YamlNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                documents.add(read(parser, token, problems));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? 0 : at.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
            return List.of();
        } catch (IOException e) {
            problems.add(0, "cannot read: " + e.getMessage());
            return List.of();
        }
        return documents;
    }

    private static YamlNode read(JsonParser parser, JsonToken token, Problems problems) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_OBJECT) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    YamlNode value = read(parser, parser.nextToken(), problems);
                    if (entries.containsKey(key)) {
                        problems.add(keyLine, "duplicate key '" + key + "' (first at line " + entries.get(key).line() + ")");
                    } else {
                        entries.put(key, new YamlNode.Entry(key, keyLine, value));
                    }
                }
                return new YamlNode.MapNode(line, entries);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(parser, next, problems));
                }
                return new YamlNode.ListNode(line, items);
            }
            case VALUE_NULL:
                return new YamlNode.ScalarNode(line, null, false, false);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.ScalarNode(line, parser.getText(), true, false);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.ScalarNode(line, parser.getText(), false, true);
            default:
                return new YamlNode.ScalarNode(line, parser.getText(), false, false);
        }
    }
}

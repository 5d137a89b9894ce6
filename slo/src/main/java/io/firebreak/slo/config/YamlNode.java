package io.firebreak.slo.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on. Jackson's tree model drops locations, so the loader builds this
 * small tree from the streaming parser instead: every error can then name its line.
 */
sealed interface YamlNode {

    int line();

    /** What a reader calls this kind of value in an error message. */
    String kind();

    record MapNode(int line, Map<String, Entry> entries) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A key of a mapping, its own line and its value. */
    record Entry(String key, int line, YamlNode value) {
    }

    record ListNode(int line, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null for YAML null, {@code quoted} when it was a string token. */
    record ScalarNode(int line, String text, boolean number, boolean bool) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "null" : number ? "a number" : bool ? "a boolean" : "a string";
        }
    }
}

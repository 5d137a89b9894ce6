package io.firebreak.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted incident in the format of {@code examples/scenarios/README.md}: timed steps to send and the outcome an
 * on-call engineer expects.
 */
public record Scenario(String name, String description, List<Step> steps, JsonNode expect) {

    private static final Pattern TIME = Pattern.compile("\\$\\{T\\+(\\d+)}");

    /** One step: at {@code at} seconds, send {@code body} to the endpoint {@code send} names. */
    public record Step(int at, String send, String service, JsonNode body) {
    }

    public static Scenario parse(ObjectMapper json, String text) throws IOException {
        JsonNode root = json.readTree(text);
        if (root == null || !root.path("steps").isArray()) {
            throw new IOException("not a scenario: no \"steps\" list");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : root.path("steps")) {
            String send = step.path("send").asText("");
            if (!List.of("alertmanager", "coroot", "changes", "logs", "action", "maintenance").contains(send)) {
                throw new IOException("step at " + step.path("at").asInt() + ": unknown send '" + send + "'");
            }
            steps.add(new Step(step.path("at").asInt(), send, step.path("service").asText(null), step.path("body")));
        }
        steps.sort(java.util.Comparator.comparingInt(Step::at));
        return new Scenario(root.path("name").asText("scenario"), root.path("description").asText(""), List.copyOf(steps),
                root.path("expect"));
    }

    /** The body with every {@code ${T+n}} replaced by the ISO-8601 instant {@code start + n} seconds. */
    public static String render(JsonNode body, Instant start) {
        Matcher matcher = TIME.matcher(body.toString());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, start.plusSeconds(Long.parseLong(matcher.group(1))).toString());
        }
        matcher.appendTail(out);
        return out.toString();
    }
}

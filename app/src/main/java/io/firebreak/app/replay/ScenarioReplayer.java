package io.firebreak.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Sends a scenario's steps to a running firebreak. Waiting between steps is divided by {@code speed}; the times
 * written inside bodies stay scenario times ({@code ${T+n}} = start + n seconds), so correlation sees the storm as
 * it would happen.
 */
public final class ScenarioReplayer {

    private static final Duration FIND_INCIDENT_TIMEOUT = Duration.ofSeconds(30);

    private final FirebreakClient client;
    private final double speed;
    private final PrintStream out;
    private final Clock clock;

    public ScenarioReplayer(FirebreakClient client, double speed, PrintStream out, Clock clock) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        this.client = client;
        this.speed = speed;
        this.out = out;
        this.clock = clock;
    }

    /** Replays every step and returns the scenario's start instant (for the expectations). */
    public Instant replay(Scenario scenario) throws IOException, InterruptedException {
        Instant start = clock.instant();
        out.printf("replaying %s (%d steps, speed %.1fx)%n", scenario.name(), scenario.steps().size(), speed);
        int previousAt = 0;
        for (Scenario.Step step : scenario.steps()) {
            long waitMillis = Math.round((step.at() - previousAt) * 1000 / speed);
            if (waitMillis > 0) {
                Thread.sleep(waitMillis);
            }
            previousAt = step.at();
            FirebreakClient.Answer answer = send(step, start);
            out.printf("  T+%-4d %-12s %s -> %d%n", step.at(), step.send(), describe(step), answer.status());
            if (!answer.ok()) {
                out.printf("         %s%n", answer.body());
            }
        }
        return start;
    }

    private FirebreakClient.Answer send(Scenario.Step step, Instant start) throws IOException, InterruptedException {
        String body = Scenario.render(step.body(), start);
        return switch (step.send()) {
            case "alertmanager" -> client.post("/v1/alertmanager", body, "application/json");
            case "coroot" -> client.post("/v1/coroot", body, "application/json");
            case "changes" -> client.post("/v1/changes", body, "application/json");
            case "maintenance" -> client.post("/v1/maintenance", body, "application/json");
            case "logs" -> client.post("/v1/logs", ndjson(step.body(), start), "application/x-ndjson");
            case "action" -> client.post("/v1/incidents/" + openIncidentOf(step.service()) + "/actions", body, "application/json");
            default -> throw new IOException("unknown step kind " + step.send());
        };
    }

    private static String ndjson(JsonNode records, Instant start) {
        return StreamSupport.stream(records.spliterator(), false)
                .map(record -> Scenario.render(record, start)).collect(Collectors.joining("\n", "", "\n"));
    }

    /** The open incident whose services include {@code service}; the read model may lag a moment behind. */
    private String openIncidentOf(String service) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(FIND_INCIDENT_TIMEOUT);
        while (true) {
            Optional<String> id = client.incidents(Optional.of(service)).stream()
                    .filter(i -> !i.path("closed").asBoolean(false))
                    .map(i -> i.path("id").asText())
                    .findFirst();
            if (id.isPresent()) {
                return id.get();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IOException("no open incident with service " + service + " after " + FIND_INCIDENT_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    private static String describe(Scenario.Step step) {
        JsonNode body = step.body();
        if (step.send().equals("action")) {
            return body.path("action").asText() + " on " + step.service();
        }
        if (body.has("alerts")) {
            return StreamSupport.stream(body.path("alerts").spliterator(), false)
                    .map(a -> a.path("labels").path("alertname").asText() + "/" + a.path("status").asText())
                    .collect(Collectors.joining(", "));
        }
        return body.path("service").asText(body.path("event_type").asText(body.path("name").asText("")));
    }
}

package io.firebreak.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.core.channel.Receiver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Checks a scenario's {@code expect} block against the incidents a running firebreak shows. Only incidents opened
 * since the replay started count, so a long-running instance with history can still be checked.
 */
public final class Expectations {

    /** One checked expectation: what was expected and what was seen. */
    public record Check(String what, boolean passed, String seen) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + what + (passed ? "" : " — saw " + seen);
        }
    }

    private Expectations() {
    }

    public static List<Check> check(JsonNode expect, List<JsonNode> allIncidents, Instant since) {
        List<JsonNode> incidents = allIncidents.stream()
                .filter(i -> !Instant.parse(i.path("openedAt").asText(Instant.EPOCH.toString())).isBefore(since.minusSeconds(1)))
                .toList();
        List<Check> checks = new ArrayList<>();
        for (JsonNode expected : expect.path("incidents")) {
            checkIncident(expected, incidents, checks);
        }
        if (expect.has("pagerdutyTriggers")) {
            long paged = incidents.stream().filter(i -> triggers(i, Receiver.PAGERDUTY) > 0).count();
            int wanted = expect.path("pagerdutyTriggers").asInt();
            checks.add(new Check("PagerDuty incidents triggered = " + wanted, paged == wanted, String.valueOf(paged)));
        }
        if (expect.has("slackWarRooms")) {
            long rooms = incidents.stream().filter(i -> triggers(i, Receiver.SLACK_WAR_ROOM) > 0).count();
            int wanted = expect.path("slackWarRooms").asInt();
            checks.add(new Check("Slack war rooms = " + wanted, rooms == wanted, String.valueOf(rooms)));
        }
        return checks;
    }

    private static void checkIncident(JsonNode expected, List<JsonNode> incidents, List<Check> checks) {
        List<String> services = texts(expected.path("services"));
        String severity = expected.path("severity").asText(null);
        String label = (severity == null ? "" : severity + " ") + "incident " + services;
        Optional<JsonNode> match = incidents.stream()
                .filter(i -> texts(i.path("services")).containsAll(services))
                .max(Comparator.comparing((JsonNode i) -> severity != null && severity.equals(i.path("severity").asText()))
                        .thenComparing(i -> i.path("services").size()));
        if (match.isEmpty()) {
            List<String> seen = incidents.stream().map(i -> i.path("severity").asText() + " " + texts(i.path("services"))).toList();
            checks.add(new Check(label + " exists", false, seen.toString()));
            return;
        }
        JsonNode incident = match.get();
        checks.add(new Check(label + " exists", true, incident.path("id").asText()));
        if (severity != null) {
            checks.add(equal(label + " severity", severity, incident.path("severity").asText()));
        }
        if (expected.has("rootCause")) {
            JsonNode first = incident.path("rootCauses").path(0);
            checks.add(equal(label + " root cause #1", expected.path("rootCause").asText(), first.path("service").asText("(none)")));
        }
        Set<String> suspects = labels(incident.path("suspectChanges"), c -> c.path("service").asText() + "@" + c.path("version").asText());
        listed(checks, label + " suspect change ", expected.path("suspectChanges"), suspects, true);
        listed(checks, label + " not a suspect: ", expected.path("notSuspectChanges"), suspects, false);
        listed(checks, label + " mitigation ", expected.path("mitigations"), labels(incident.path("mitigations"),
                m -> m.path("kind").asText() + " " + m.path("service").asText() + "@" + m.path("version").asText()), true);
        listed(checks, label + " held by maintenance: ", expected.path("heldNotifications"), labels(incident.path("heldNotifications"),
                h -> h.path("receiver").asText() + ":" + h.path("kind").asText()), true);
        listed(checks, label + " signal from ", expected.path("signalSources"), labels(incident.path("signals"), s -> s.path("source").asText()), true);
        listed(checks, label + " timeline entry of kind ", expected.path("timelineKinds"),
                labels(incident.path("timeline"), entry -> entry.path("kind").asText()), true);
        if (expected.has("pages")) {
            checks.add(equal(label + " PagerDuty pages", String.valueOf(expected.path("pages").asInt()),
                    String.valueOf(triggers(incident, Receiver.PAGERDUTY))));
        }
        if (expected.has("flappingSignals")) {
            long flapping = StreamSupport.stream(incident.path("signals").spliterator(), false).filter(s -> s.path("flapping").asBoolean()).count();
            checks.add(equal(label + " signals marked flapping", String.valueOf(expected.path("flappingSignals").asInt()), String.valueOf(flapping)));
        }
        if (expected.has("finalStage")) {
            checks.add(equal(label + " final stage", expected.path("finalStage").asText(), incident.path("stage").asText()));
        }
    }

    /** One check per expected entry: listed in {@code seen} (or, with {@code listed} false, not). */
    private static void listed(List<Check> checks, String what, JsonNode expected, Set<String> seen, boolean listed) {
        for (String entry : texts(expected)) {
            checks.add(new Check(what + entry, seen.contains(entry) == listed, seen.toString()));
        }
    }

    private static Set<String> labels(JsonNode array, Function<JsonNode, String> label) {
        Set<String> labels = new HashSet<>();
        array.forEach(entry -> labels.add(label.apply(entry)));
        return labels;
    }

    /** Distinct TRIGGER notifications delivered (or logged) for one receiver, from the incident's delivery receipts. */
    static long triggers(JsonNode incident, Receiver receiver) {
        return StreamSupport.stream(incident.path("deliveries").spliterator(), false)
                .filter(d -> "TRIGGER".equals(d.path("kind").asText()))
                .filter(d -> receiver.id().equals(d.path("receiver").asText()))
                .filter(d -> !"dead_lettered".equals(d.path("outcome").asText()))
                .map(d -> d.path("notificationId").asText())
                .distinct().count();
    }

    private static Check equal(String what, String wanted, String seen) {
        return new Check(what + " = " + wanted, wanted.equals(seen), seen);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the public scenarios of shared/scenarios through the real topology, with small test-only mappers
 * standing in for ingest (Alertmanager → Signal, changes/Coroot deployment → ChangeEvent, Coroot incident →
 * Signal + RcaReport, action → LifecycleCommand), and checks each scenario's {@code expect} block. The SLO
 * engine's burn rate for trade-engine is piped into the burn table, and the postmortem module's postmortem
 * once the incident is RECOVERED.
 */
class ScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Signals.T0;

    /** With the SLO engine's burn for trade-engine, and without any SLO data (the stage is entered either way). */
    @ParameterizedTest(name = "{0}, burn data {1}")
    @CsvSource({"db-cascade, true", "bad-deploy, true", "db-cascade, false", "bad-deploy, false"})
    void scenarioEndsAsExpected(String name, boolean withBurn) throws Exception {
        JsonNode scenario;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/" + name + ".json")) {
            scenario = JSON.readTree(Objects.requireNonNull(in, name));
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        scenario.get("services").forEach(s -> {
            List<String> deps = new ArrayList<>();
            s.get("dependsOn").forEach(d -> deps.add(d.asText()));
            graph.put(s.get("name").asText(), deps);
        });
        CorrelationSettingsBuilder settings = CorrelationSettingsBuilder.defaults().services(graph);
        try (TopologyHarness harness = new TopologyHarness(settings)) {
            if (withBurn) {
                harness.burn(Inputs.burn("trade_execution_latency", "trade-engine", 30.2, 21.0, START), START);
            }
            long clock = 0;
            for (JsonNode step : scenario.get("steps")) {
                long at = step.get("at").asLong();
                harness.advance(Duration.ofSeconds(at - clock));
                clock = at;
                replay(harness, step, START.plusSeconds(at));
            }
            harness.advance(Duration.ofSeconds(10));
            for (Incident incident : harness.latest().values()) {
                if (incident.getStage() == Stage.RECOVERED) {
                    harness.postmortem(Inputs.postmortem(incident.getId(), incident.getCluster(), START.plusSeconds(clock + 10)), START.plusSeconds(clock + 10));
                }
            }
            harness.advance(Duration.ofSeconds(2));

            JsonNode expect = scenario.get("expect");
            assertThat(harness.latest()).as("incidents").hasSize(expect.get("incidents").size());
            for (JsonNode expected : expect.get("incidents")) {
                List<String> services = new ArrayList<>();
                expected.get("services").forEach(s -> services.add(s.asText()));
                Incident incident = harness.latest().values().stream()
                        .filter(i -> i.getServices().containsAll(services) && i.getSeverity().name().equals(expected.get("severity").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError("no incident with " + services + " in " + harness.latest().values()));
                if (expected.has("rootCause")) {
                    assertThat(incident.getRootCauses().get(0).getService()).as("root cause #1").isEqualTo(expected.get("rootCause").asText());
                }
                if (expected.has("suspectChanges")) {
                    Set<String> suspects = incident.getSuspectChanges().stream().map(ScenarioTest::label).collect(Collectors.toSet());
                    expected.get("suspectChanges").forEach(s -> assertThat(suspects).contains(s.asText()));
                }
                if (expected.has("notSuspectChanges")) {
                    Set<String> suspects = incident.getSuspectChanges().stream().map(ScenarioTest::label).collect(Collectors.toSet());
                    expected.get("notSuspectChanges").forEach(s -> assertThat(suspects).doesNotContain(s.asText()));
                }
                if (expected.has("mitigations")) {
                    Set<String> mitigations = incident.getMitigations().stream()
                            .map(m -> m.getKind() + " " + m.getService() + "@" + m.getVersion()).collect(Collectors.toSet());
                    expected.get("mitigations").forEach(m -> assertThat(mitigations).contains(m.asText()));
                }
                long pages = harness.notifications("pagerduty").stream()
                        .filter(n -> n.getIncidentId().equals(incident.getId()) && n.getKind() == NotificationKind.TRIGGER).count();
                assertThat(pages).as("pages of " + incident.getId()).isEqualTo(expected.get("pages").asLong());
                if (expected.has("finalStage")) {
                    assertThat(incident.getStage()).isEqualTo(Stage.valueOf(expected.get("finalStage").asText()));
                    if (incident.getStage() == Stage.POSTMORTEM_PUBLISHED) {
                        Set<Stage> stages = incident.getTimeline().stream().map(TimelineEntry::getStage).filter(Objects::nonNull)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Stage.class)));
                        assertThat(stages).as("stages in the timeline").containsExactlyInAnyOrder(Stage.values());
                        List<Stage> order = incident.getTimeline().stream().map(TimelineEntry::getStage).filter(Objects::nonNull).toList();
                        assertThat(order).as("runbook order of the timeline").isSorted();
                    }
                }
            }
            List<Notification> triggers = harness.notifications("pagerduty").stream().filter(n -> n.getKind() == NotificationKind.TRIGGER).toList();
            assertThat(triggers.stream().map(Notification::getId).distinct()).hasSize(expect.get("pagerdutyTriggers").asInt());
            assertThat(harness.notifications("slack").stream()
                    .filter(n -> n.getReceiver().equals("slack-war-room") && n.getKind() == NotificationKind.TRIGGER))
                    .hasSize(expect.get("slackWarRooms").asInt());
            assertThat(harness.notifications("pagerduty")).allSatisfy(n -> assertThat(n.getKind()).isIn(
                    NotificationKind.TRIGGER, NotificationKind.ACKNOWLEDGE, NotificationKind.UPDATE, NotificationKind.RESOLVE));
        }
    }

    private static String label(SuspectChange change) {
        return change.getService() + "@" + change.getVersion();
    }

    private static void replay(TopologyHarness harness, JsonNode step, Instant at) {
        JsonNode body = step.get("body");
        switch (step.get("send").asText()) {
            case "alertmanager" -> body.get("alerts").forEach(alert -> harness.send(alertmanager(alert, at), at));
            case "changes" -> {
                ChangeEvent change = change(body.get("cluster").asText(), body.get("service").asText(), body.get("version").asText(),
                        time(body.get("time").asText()));
                change.setPreviousVersion(body.path("previousVersion").asText(null));
                harness.change(change, at);
            }
            case "coroot" -> coroot(harness, body, at);
            case "action" -> {
                Incident incident = harness.latest().values().stream()
                        .filter(i -> i.getServices().contains(step.get("service").asText()) && i.getStage() != Stage.POSTMORTEM_PUBLISHED)
                        .reduce((a, b) -> b).orElseThrow();
                LifecycleAction action = LifecycleAction.valueOf(body.get("action").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
                harness.command(Inputs.command(incident.getId(), action, body.get("actor").asText(),
                        body.has("note") ? body.get("note").asText() : null, at), at);
            }
            default -> throw new IllegalArgumentException("unknown step " + step);
        }
    }

    private static Signal alertmanager(JsonNode alert, Instant receivedAt) {
        Map<String, String> labels = new HashMap<>();
        alert.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        boolean firing = alert.get("status").asText().equals("firing");
        return Signal.newBuilder().setId("sig-" + alert.get("fingerprint").asText() + "-" + receivedAt.toEpochMilli())
                .setFingerprint(alert.get("fingerprint").asText()).setSource(SignalSource.ALERTMANAGER)
                .setStatus(firing ? SignalStatus.FIRING : SignalStatus.RESOLVED)
                .setSeverity(Severity.valueOf(labels.get("severity").toUpperCase(Locale.ROOT)))
                .setCluster(labels.get("cluster")).setService(labels.get("service")).setAlertName(labels.get("alertname"))
                .setSummary(alert.get("annotations").path("summary").asText(null)).setLabels(labels).setAnnotations(Map.of())
                .setStartsAt(time(alert.get("startsAt").asText())).setEndsAt(firing ? null : time(alert.get("endsAt").asText()))
                .setReceivedAt(receivedAt).build();
    }

    private static void coroot(TopologyHarness harness, JsonNode body, Instant at) {
        JsonNode data = body.get("data");
        String service = body.get("application").get("name").asText();
        String cluster = data.get("cluster").asText();
        if (body.get("event_type").asText().equals("deployment")) {
            ChangeEvent change = change(cluster, service, data.get("version").asText(), at);
            change.setId("coroot-deploy:" + service + ":" + data.get("version").asText());
            change.setSource("coroot");
            harness.change(change, at);
            return;
        }
        harness.send(Signal.newBuilder().setId("coroot-" + at.toEpochMilli()).setFingerprint("coroot:" + data.get("url").asText())
                .setSource(SignalSource.COROOT).setStatus(SignalStatus.FIRING)
                .setSeverity(data.get("status").asText().equals("CRITICAL") ? Severity.CRITICAL : Severity.MEDIUM)
                .setCluster(cluster).setService(service).setAlertName("coroot incident").setSummary(data.path("rca_summary").asText(null))
                .setLabels(Map.of()).setAnnotations(Map.of()).setStartsAt(at).setReceivedAt(at).build(), at);
        harness.rca(Inputs.coroot(cluster, service, data.path("rca_summary").asText(null), at), at);
    }

    private static ChangeEvent change(String cluster, String service, String version, Instant at) {
        ChangeEvent change = Inputs.deployment(cluster, service, version, at);
        change.setKind(ChangeKind.DEPLOYMENT);
        return change;
    }

    private static Instant time(String text) {
        if (text.startsWith("${T+")) {
            return START.plusSeconds(Long.parseLong(text.substring(4, text.length() - 1)));
        }
        return Instant.parse(text);
    }
}

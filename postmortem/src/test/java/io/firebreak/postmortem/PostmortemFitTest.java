package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.ActionItem;
import io.firebreak.events.Incident;
import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalGroup;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.render.MarkdownRenderer;
import io.firebreak.schemas.IncidentLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A postmortem stays under the record bound even when its incident is at every limit and Loki sent many lines. */
class PostmortemFitTest {

    private final PostmortemBuilder builder = new PostmortemBuilder(ScriptedIncidents.SETTINGS, ScriptedIncidents.CLOCK);
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void anIncidentAtEveryLimitWithManyLogLinesGivesAPostmortemUnderTheBoundAndKeepsItsFacts() {
        Incident incident = incidentAtEveryLimit();
        assertThat(io.firebreak.schemas.serde.AvroSize.of(incident)).as("the incident at every limit").isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        Postmortem postmortem = builder.build(incident);
        List<LogQuery> withLines = postmortem.getLogQueries().stream()
                .map(q -> LogQuery.newBuilder(q).setLines(java.util.Collections.nCopies(200, "l".repeat(900))).build()).toList();
        postmortem.setLogQueries(withLines);
        postmortem.setMarkdown(markdown.render(postmortem));
        assertThat(PostmortemFit.size(postmortem)).as("the test builds an oversize postmortem").isGreaterThan(IncidentLimits.RECORD_BYTES);

        List<String> dropped = PostmortemFit.fit(postmortem);

        assertThat(PostmortemFit.size(postmortem)).isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(dropped).contains("log lines").noneMatch(d -> d.contains("timeline"));
        assertThat(postmortem.getLogQueries()).isNotEmpty().allMatch(q -> q.getLines().isEmpty() && !q.getLogql().isBlank());
        assertThat(postmortem.getTimeline()).hasSize(IncidentLimits.TIMELINE_ENTRIES);
        assertThat(postmortem.getDistinctSignals()).isEqualTo(50_000);
        // the facts are what the API renders from, so the Markdown can always be had
        assertThat(markdown.render(postmortem)).contains("50,000 distinct signals").contains("| PodCrashLoopingggg");
    }

    @Test
    void aNormalPostmortemIsLeftAsItIs() {
        Postmortem postmortem = builder.build(ScriptedIncidents.criticalThroughAllStages());
        postmortem.setMarkdown(markdown.render(postmortem));

        assertThat(PostmortemFit.fit(postmortem)).isEmpty();
        assertThat(postmortem.getMarkdown()).isNotBlank();
    }

    /** The scripted critical incident with every bounded list full and every text at its limit. */
    private static Incident incidentAtEveryLimit() {
        Incident incident = ScriptedIncidents.criticalThroughAllStages();
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        while (timeline.size() < IncidentLimits.TIMELINE_ENTRIES) {
            timeline.add(TimelineEntry.newBuilder().setAt(ScriptedIncidents.MITIGATED).setKind("note").setCause("t".repeat(230))
                    .setActor("alice").setEvidence(List.of()).build());
        }
        incident.setTimeline(timeline);
        SignalRef template = incident.getSignals().get(0);
        List<SignalRef> sample = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.SAMPLE; i++) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("pod", "p".repeat(IncidentLimits.LABEL_BYTES - 10));
            sample.add(SignalRef.newBuilder(template).setFingerprint("fp-" + i).setLabels(labels)
                    .setSummary("s".repeat(IncidentLimits.SAMPLE_TEXT)).setAlertName("a".repeat(IncidentLimits.SAMPLE_TEXT)).build());
        }
        incident.setSignals(sample);
        List<SignalGroup> groups = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.GROUPS; i++) {
            groups.add(new SignalGroup("PodCrashLooping" + "g".repeat(IncidentLimits.GROUP_TEXT - 15), "trade-engine-" + i, SignalStatus.FIRING, 250,
                    ScriptedIncidents.FIRST_SIGNAL, ScriptedIncidents.RECOVERED));
        }
        incident.setSignalGroups(groups);
        incident.setFiringSignals(50_000);
        List<ActionItem> items = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.ACTION_ITEMS; i++) {
            items.add(ActionItem.newBuilder().setId("item-" + i).setDescription("d".repeat(IncidentLimits.ACTION_ITEM_BYTES))
                    .setOwner("dba-team").setDue("2026-12-15").setStatus("open").build());
        }
        incident.setActionItems(items);
        List<RootCauseCandidate> causes = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.ROOT_CAUSES; i++) {
            causes.add(RootCauseCandidate.newBuilder().setService("svc-" + i).setScore(0.5)
                    .setEvidence(java.util.Collections.nCopies(IncidentLimits.EVIDENCE_ITEMS, "e".repeat(IncidentLimits.EVIDENCE_TEXT))).build());
        }
        incident.setRootCauses(causes);
        List<io.firebreak.events.SuspectChange> changes = new ArrayList<>();
        List<io.firebreak.events.BurnSnapshot> burn = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.SUSPECT_CHANGES; i++) {
            changes.add(io.firebreak.events.SuspectChange.newBuilder().setChangeId("chg-" + "c".repeat(60) + i).setService("svc-" + i)
                    .setVersion("v".repeat(128)).setAuthor("a".repeat(128)).setUrl("u".repeat(IncidentLimits.SAMPLE_TEXT))
                    .setAt(ScriptedIncidents.MITIGATED).build());
        }
        for (int i = 0; i < IncidentLimits.BURN_SNAPSHOTS; i++) {
            burn.add(io.firebreak.events.BurnSnapshot.newBuilder().setSlo("slo-" + "s".repeat(60) + i).setService("svc-" + i)
                    .setRates(Map.of("5m", 20.0, "30m", 18.0, "1h", 16.0, "6h", 7.0, "24h", 3.0, "3d", 1.0)).setBudgetRemaining(0.5).build());
        }
        incident.setSuspectChanges(changes);
        incident.setBurn(burn);
        List<String> services = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.SERVICES; i++) {
            services.add("service-" + "x".repeat(50) + i);
        }
        incident.setServices(services);
        incident.setRecentCommands(java.util.Collections.nCopies(IncidentLimits.RECENT_COMMANDS, "cmd-" + "k".repeat(60)));
        Map<String, String> originLabels = new LinkedHashMap<>();
        originLabels.put("pod", "o".repeat(4 * IncidentLimits.LABEL_BYTES - 10));
        incident.setOrigin(SignalRef.newBuilder(template).setLabels(originLabels).setSummary("s".repeat(IncidentLimits.SAMPLE_TEXT)).build());
        return incident;
    }
}

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
        Postmortem postmortem = builder.build(incidentAtEveryLimit());
        List<LogQuery> withLines = postmortem.getLogQueries().stream()
                .map(q -> LogQuery.newBuilder(q).setLines(java.util.Collections.nCopies(200, "l".repeat(900))).build()).toList();
        postmortem.setLogQueries(withLines);
        postmortem.setMarkdown(markdown.render(postmortem));
        assertThat(PostmortemFit.size(postmortem)).as("the test builds an oversize postmortem").isGreaterThan(IncidentLimits.RECORD_BYTES);

        List<String> dropped = PostmortemFit.fit(postmortem);

        assertThat(PostmortemFit.size(postmortem)).isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(dropped).contains("log lines");
        assertThat(postmortem.getLogQueries()).isNotEmpty().allMatch(q -> q.getLines().isEmpty() && !q.getLogql().isBlank());
        assertThat(postmortem.getTimeline()).hasSize(IncidentLimits.TIMELINE_ENTRIES);
        assertThat(postmortem.getDistinctSignals()).isEqualTo(50_000);
        // the facts are what the API renders from, so the Markdown can always be had
        assertThat(markdown.render(postmortem)).contains("50,000 distinct signals").contains("| PodCrashLooping | trade-engine-");
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
            timeline.add(TimelineEntry.newBuilder().setAt(ScriptedIncidents.MITIGATED).setKind("note").setCause("t".repeat(300))
                    .setActor("alice").setEvidence(List.of()).build());
        }
        incident.setTimeline(timeline);
        SignalRef template = incident.getSignals().get(0);
        List<SignalRef> sample = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.SAMPLE; i++) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("pod", "p".repeat(IncidentLimits.LABEL_BYTES - 10));
            sample.add(SignalRef.newBuilder(template).setFingerprint("fp-" + i).setLabels(labels)
                    .setSummary("s".repeat(IncidentLimits.TEXT)).build());
        }
        incident.setSignals(sample);
        List<SignalGroup> groups = new ArrayList<>();
        for (int i = 0; i < IncidentLimits.GROUPS; i++) {
            groups.add(new SignalGroup("PodCrashLooping", "trade-engine-" + i, SignalStatus.FIRING, 250,
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
                    .setEvidence(java.util.Collections.nCopies(IncidentLimits.EVIDENCE_ITEMS, "e".repeat(IncidentLimits.TEXT))).build());
        }
        incident.setRootCauses(causes);
        return incident;
    }
}

package io.firebreak.postmortem.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.events.ActionItem;
import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.Impact;
import io.firebreak.postmortem.Mttx;
import io.firebreak.postmortem.SloImpact;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Renders a postmortem as JSON for the API and exports. Field names are camelCase, like the rest of the API
 * (DESIGN §4), and in a fixed order, so a diff of two revisions shows only what changed. Times are UTC
 * ISO-8601 strings; every duration has {@code seconds} (a number, or null when not applicable) and
 * {@code human} ("4m 30s" or "n/a").
 */
public final class JsonRenderer {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(Postmortem postmortem) {
        try {
            return mapper.writeValueAsString(tree(postmortem)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render postmortem " + postmortem.getIncidentId() + " as JSON", e);
        }
    }

    /** The JSON document as a tree, for callers that embed it (e.g. the HTTP API). */
    public ObjectNode tree(Postmortem postmortem) {
        ObjectNode root = mapper.createObjectNode();
        root.put("incidentId", postmortem.getIncidentId());
        root.put("revision", postmortem.getRevision());
        root.put("title", postmortem.getTitle());
        root.put("summary", postmortem.getSummary());
        root.put("cluster", postmortem.getCluster());
        root.put("severity", postmortem.getSeverity().name());
        strings(root.putArray("services"), postmortem.getServices());
        root.put("generatedAt", utc(postmortem.getGeneratedAt()));
        impact(root.putObject("impact"), Impact.of(postmortem));
        mttx(root.putObject("mttx"), Mttx.of(postmortem));
        duration(root.putObject("timeToPage"), Mttx.timeToPage(postmortem));
        ArrayNode timeline = root.putArray("timeline");
        postmortem.getTimeline().forEach(e -> timeline(timeline.addObject(), e));
        ArrayNode signals = root.putArray("signals");
        postmortem.getSignals().forEach(s -> signal(signals.addObject(), s));
        root.put("distinctSignals", Impact.distinctSignals(postmortem));
        ArrayNode groups = root.putArray("signalGroups");
        postmortem.getSignalGroups().forEach(g -> groups.addObject().put("alertName", g.getAlertName()).put("service", g.getService())
                .put("status", g.getStatus().name()).put("count", g.getCount()).put("firstSeen", g.getFirstSeen().toString())
                .put("lastSeen", g.getLastSeen().toString()));
        ArrayNode causes = root.putArray("rootCauses");
        postmortem.getRootCauses().forEach(c -> rootCause(causes.addObject(), c));
        ArrayNode changes = root.putArray("suspectChanges");
        postmortem.getSuspectChanges().forEach(c -> change(changes.addObject(), c));
        ArrayNode queries = root.putArray("logQueries");
        postmortem.getLogQueries().forEach(q -> query(queries.addObject(), q));
        ArrayNode metrics = root.putArray("metricQueries");
        postmortem.getMetricQueries().forEach(q -> metrics.addObject().put("name", q.getName()).put("promql", q.getPromql())
                .put("exploreUrl", q.getExploreUrl()));
        ArrayNode actions = root.putArray("actionItems");
        postmortem.getActionItems().forEach(a -> action(actions.addObject(), a));
        ArrayNode mitigations = root.putArray("mitigations");
        postmortem.getMitigations().forEach(m -> mitigations.addObject().put("kind", m.getKind()).put("service", m.getService())
                .put("version", m.getVersion()).put("at", utc(m.getAt())).put("actor", m.getActor()));
        ArrayNode held = root.putArray("heldNotifications");
        postmortem.getHeldNotifications().forEach(h -> held.addObject().put("at", utc(h.getAt())).put("receiver", h.getReceiver())
                .put("kind", h.getKind()).put("windowId", h.getWindowId()).put("windowName", h.getWindowName()));
        return root;
    }

    private static void impact(ObjectNode node, Impact impact) {
        node.put("startedAt", utc(impact.start()));
        node.put("endedAt", impact.end().map(JsonRenderer::utc).orElse(null));
        duration(node.putObject("duration"), impact.duration()
                .map(d -> OptionalLong.of(d.getSeconds())).orElse(OptionalLong.empty()));
        strings(node.putArray("clusters"), impact.clusters());
        strings(node.putArray("services"), impact.services());
        node.put("severity", impact.severity().name());
        ArrayNode slos = node.putArray("slos");
        for (SloImpact slo : impact.slos()) {
            ObjectNode s = slos.addObject();
            s.put("slo", slo.slo());
            s.put("service", slo.service());
            s.put("budgetRemaining", slo.budgetRemaining());
            s.put("budgetConsumedPercent", slo.budgetConsumedPercent());
        }
    }

    private static void mttx(ObjectNode node, Mttx mttx) {
        duration(node.putObject("mttd"), mttx.mttdSeconds());
        duration(node.putObject("mtta"), mttx.mttaSeconds());
        duration(node.putObject("mttm"), mttx.mttmSeconds());
        duration(node.putObject("mttr"), mttx.mttrSeconds());
    }

    private static void duration(ObjectNode node, OptionalLong seconds) {
        if (seconds.isPresent()) {
            node.put("seconds", seconds.getAsLong());
        } else {
            node.putNull("seconds");
        }
        node.put("human", Durations.human(seconds));
    }

    private static void timeline(ObjectNode node, TimelineEntry entry) {
        node.put("at", utc(entry.getAt()));
        node.put("stage", entry.getStage() == null ? null : entry.getStage().name());
        node.put("kind", entry.getKind());
        node.put("cause", entry.getCause());
        node.put("actor", entry.getActor());
        strings(node.putArray("evidence"), entry.getEvidence());
    }

    private static void signal(ObjectNode node, SignalRef signal) {
        node.put("fingerprint", signal.getFingerprint());
        node.put("source", signal.getSource().name());
        node.put("service", signal.getService());
        node.put("alertName", signal.getAlertName());
        node.put("severity", signal.getSeverity().name());
        node.put("status", signal.getStatus().name());
        node.put("count", signal.getCount());
        node.put("flapping", signal.getFlapping());
        node.put("flips", signal.getFlips());
        node.put("firstSeen", utc(signal.getFirstSeen()));
        node.put("lastSeen", utc(signal.getLastSeen()));
        node.put("summary", signal.getSummary());
        ObjectNode labels = node.putObject("labels");
        new TreeMap<>(signal.getLabels()).forEach(labels::put);
    }

    private static void rootCause(ObjectNode node, RootCauseCandidate candidate) {
        node.put("service", candidate.getService());
        node.put("score", candidate.getScore());
        strings(node.putArray("evidence"), candidate.getEvidence());
    }

    private static void change(ObjectNode node, SuspectChange change) {
        node.put("changeId", change.getChangeId());
        node.put("service", change.getService());
        node.put("kind", change.getKind().name());
        node.put("version", change.getVersion());
        node.put("author", change.getAuthor());
        node.put("url", change.getUrl());
        node.put("at", utc(change.getAt()));
    }

    private static void query(ObjectNode node, LogQuery query) {
        node.put("name", query.getName());
        node.put("logql", query.getLogql());
        node.put("exploreUrl", query.getExploreUrl());
        node.put("queryRangeUrl", query.getQueryRangeUrl());
        strings(node.putArray("lines"), query.getLines());
    }

    private static void action(ObjectNode node, ActionItem item) {
        node.put("id", item.getId());
        node.put("description", item.getDescription());
        node.put("owner", item.getOwner());
        node.put("due", item.getDue());
        node.put("status", item.getStatus());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String utc(Instant instant) {
        return Durations.utc(instant);
    }
}

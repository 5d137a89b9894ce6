package io.firebreak.postmortem.render;

import io.firebreak.events.ActionItem;
import io.firebreak.events.LogQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalGroup;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.Impact;
import io.firebreak.postmortem.Mttx;
import io.firebreak.postmortem.SloImpact;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * A postmortem as text, ready for a Markdown template: every value is already formatted (UTC times, human
 * durations, "n/a"), and table cells are escaped. The names below are what a user's template can use;
 * see the README for the list. Empty lists render nothing in a {@code {{#list}}} section and trigger
 * {@code {{^list}}}; absent optional values are {@code null}, so they work as sections too.
 */
public record PostmortemView(String incidentId, String cluster, String title, String summary, String severity,
                             int revision, String generatedAt, ImpactView impact, List<MetricView> metrics,
                             List<TimelineView> timeline, List<SignalView> signals, List<RootCauseView> rootCauses,
                             List<ChangeView> suspectChanges, List<QueryView> logQueries, List<ActionView> actionItems,
                             List<SignalGroupView> signalGroups, String signalsShown, List<MetricQueryView> metricQueries,
                             String chartFile, List<MitigationView> mitigations, List<HeldView> heldNotifications) {

    /** A PromQL query for one service's metrics over the incident window. */
    public record MetricQueryView(String name, String promql, String exploreUrl, String fence) {
    }

    public record MitigationView(String at, String kind, String service, String version, String actor) {
    }

    /** A notification a maintenance window held back ({@code window}: its name). */
    public record HeldView(String at, String receiver, String kind, String window) {
    }

    /** How many of an incident's signals share one alert name, service and status. */
    public record SignalGroupView(String alertName, String service, String status, int count, String firstSeen, String lastSeen) {
    }

    public record ImpactView(String start, String end, String duration, String clusters, String services,
                             String severity, List<SloView> slos) {
    }

    public record SloView(String slo, String service, String budgetConsumed, String budgetRemaining) {
    }

    public record MetricView(String name, String until, String duration, String seconds) {
    }

    public record TimelineView(String at, String stage, String kind, String cause, String actor, String evidence) {
    }

    public record SignalView(String name, String fingerprint, String source, String service, String severity,
                             String status, int count, String flapping, String firstSeen, String lastSeen, String summary) {
    }

    public record RootCauseView(int rank, String service, String score, List<String> evidence) {
    }

    public record ChangeView(String at, String service, String kind, String version, String author, String url) {
    }

    public record QueryView(String name, String logql, String exploreUrl, String queryRangeUrl, List<String> lines, String fence) {
    }

    public record ActionView(String id, String description, String owner, String due, String status) {
    }

    /** With the chart linked as the exporter writes it, {@code <incident-id>.svg} beside the Markdown. */
    public static PostmortemView of(Postmortem postmortem) {
        return of(postmortem, IncidentChart.fileName(postmortem.getIncidentId()));
    }

    /** With the chart linked by {@code chartLink}, relative to where the Markdown is read from. */
    public static PostmortemView of(Postmortem postmortem, String chartLink) {
        Impact impact = Impact.of(postmortem);
        Mttx mttx = Mttx.of(postmortem);
        List<RootCauseCandidate> causes = postmortem.getRootCauses();
        return new PostmortemView(postmortem.getIncidentId().replace("`", ""), MarkdownText.cell(postmortem.getCluster()),
                MarkdownText.cell(postmortem.getTitle()), MarkdownText.inline(postmortem.getSummary()),
                postmortem.getSeverity().name(), postmortem.getRevision(),
                Durations.utc(postmortem.getGeneratedAt()),
                new ImpactView(Durations.utc(impact.start()),
                        impact.end().map(Durations::utc).orElse("ongoing"),
                        impact.duration().map(Durations::human).orElse(Durations.NOT_APPLICABLE),
                        MarkdownText.cell(String.join(", ", impact.clusters())),
                        MarkdownText.cell(String.join(", ", impact.services())),
                        impact.severity().name(), impact.slos().stream().map(PostmortemView::slo).toList()),
                List.of(metric("MTTD", "alert fired", mttx.mttdSeconds()),
                        metric("Time to page", "paged (the receiver accepted)", Mttx.timeToPage(postmortem)),
                        metric("MTTA", "acknowledged", mttx.mttaSeconds()),
                        metric("MTTM", "mitigated", mttx.mttmSeconds()),
                        metric("MTTR", "recovered", mttx.mttrSeconds())),
                postmortem.getTimeline().stream().map(PostmortemView::timeline).toList(),
                postmortem.getSignals().stream().map(PostmortemView::signal).toList(),
                IntStream.range(0, causes.size()).mapToObj(i -> rootCause(i + 1, causes.get(i))).toList(),
                postmortem.getSuspectChanges().stream().map(PostmortemView::change).toList(),
                postmortem.getLogQueries().stream().map(PostmortemView::query).toList(),
                postmortem.getActionItems().stream().map(PostmortemView::action).toList(),
                postmortem.getSignalGroups().stream().map(PostmortemView::group).toList(),
                signalsShown(postmortem),
                postmortem.getMetricQueries().stream().map(q -> new MetricQueryView(MarkdownText.cell(q.getName()), MarkdownText.oneLine(q.getPromql()),
                        MarkdownText.url(q.getExploreUrl()).orElse(null), MarkdownText.fence(List.of(q.getPromql())))).toList(),
                chartLink,
                postmortem.getMitigations().stream().map(m -> new MitigationView(Durations.utc(m.getAt()), cell(m.getKind()),
                        cell(Objects.toString(m.getService(), "")), cell(Objects.toString(m.getVersion(), "")), cell(m.getActor()))).toList(),
                postmortem.getHeldNotifications().stream().map(h -> new HeldView(Durations.utc(h.getAt()), cell(h.getReceiver()),
                        cell(h.getKind()), cell(h.getWindowName()))).toList());
    }

    private static SignalGroupView group(SignalGroup group) {
        return new SignalGroupView(cell(group.getAlertName().isEmpty() ? "(unnamed)" : group.getAlertName()), cell(group.getService()),
                group.getStatus().name(), group.getCount(), Durations.utc(group.getFirstSeen()), Durations.utc(group.getLastSeen()));
    }

    /** "20 of 50,000" when the incident kept only a sample of its signals; empty when every signal is listed. */
    private static String signalsShown(Postmortem postmortem) {
        int distinct = Impact.distinctSignals(postmortem);
        return distinct == postmortem.getSignals().size() ? ""
                : String.format(java.util.Locale.ROOT, "%,d of %,d", postmortem.getSignals().size(), distinct);
    }

    private static SloView slo(SloImpact slo) {
        return new SloView(cell(slo.slo()), cell(slo.service()), percent(slo.budgetConsumedPercent()),
                percent(slo.budgetRemaining() * 100.0));
    }

    private static MetricView metric(String name, String until, OptionalLong seconds) {
        return new MetricView(name, until, Durations.human(seconds),
                seconds.isPresent() ? Long.toString(seconds.getAsLong()) : Durations.NOT_APPLICABLE);
    }

    private static TimelineView timeline(TimelineEntry entry) {
        return new TimelineView(Durations.utc(entry.getAt()),
                entry.getStage() == null ? "" : entry.getStage().name(), cell(entry.getKind()),
                cell(entry.getCause()), cell(entry.getActor()), cell(String.join("; ", entry.getEvidence())));
    }

    private static SignalView signal(SignalRef signal) {
        String name = signal.getAlertName() != null ? signal.getAlertName() : signal.getFingerprint();
        return new SignalView(cell(name), cell(signal.getFingerprint()), signal.getSource().name(),
                cell(signal.getService()), signal.getSeverity().name(), signal.getStatus().name(), signal.getCount(),
                signal.getFlapping() ? "yes (" + signal.getFlips() + " flips)" : "no",
                Durations.utc(signal.getFirstSeen()), Durations.utc(signal.getLastSeen()),
                signal.getSummary() == null ? "" : cell(signal.getSummary()));
    }

    private static RootCauseView rootCause(int rank, RootCauseCandidate candidate) {
        return new RootCauseView(rank, MarkdownText.cell(candidate.getService()), String.format(Locale.ROOT, "%.2f", candidate.getScore()),
                candidate.getEvidence().stream().map(MarkdownText::inline).toList());
    }

    private static ChangeView change(SuspectChange change) {
        return new ChangeView(Durations.utc(change.getAt()), cell(change.getService()),
                change.getKind().name(), change.getVersion() == null ? "" : cell(change.getVersion()),
                change.getAuthor() == null ? "" : cell(change.getAuthor()), MarkdownText.url(change.getUrl()).orElse(null));
    }

    private static QueryView query(LogQuery query) {
        List<String> lines = query.getLines().stream().map(MarkdownText::oneLine).toList();
        List<String> code = new java.util.ArrayList<>(lines);
        code.add(query.getLogql());
        return new QueryView(MarkdownText.cell(query.getName()), MarkdownText.oneLine(query.getLogql()),
                MarkdownText.url(query.getExploreUrl()).orElse(null), MarkdownText.url(query.getQueryRangeUrl()).orElse(null),
                lines, MarkdownText.fence(code));
    }

    private static ActionView action(ActionItem item) {
        return new ActionView(cell(item.getId()), cell(item.getDescription()),
                item.getOwner() == null ? "unassigned" : cell(item.getOwner()),
                item.getDue() == null ? "none" : cell(item.getDue()), cell(item.getStatus()));
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A Markdown table cell: one line, pipes and everything else that could start markup escaped. */
    static String cell(String text) {
        return MarkdownText.cell(text);
    }
}

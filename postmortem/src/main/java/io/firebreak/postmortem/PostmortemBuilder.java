package io.firebreak.postmortem;

import io.firebreak.events.Incident;
import io.firebreak.events.LogQuery;
import io.firebreak.events.MetricQuery;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.events.TimelineEntry;
import io.firebreak.postmortem.logs.LogQl;
import io.firebreak.postmortem.logs.LogWindow;
import io.firebreak.postmortem.logs.QueryLinks;
import io.firebreak.postmortem.metrics.PromQl;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an incident into its postmortem: a pure function of the incident, the settings and the clock (only
 * {@code generatedAt} and the window of a still-open incident read the clock). No I/O: log lines are attached
 * afterwards by {@link io.firebreak.postmortem.logs.LogLinesAttacher}, the Markdown by the service.
 * The incident is never modified. Its entries (timeline, root causes, changes...) are shared, not copied:
 * Avro's deep copy loads classes by name and would need the JVM-wide Avro class trust list for a pure function.
 */
public final class PostmortemBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PostmortemBuilder.class);

    private final PostmortemSettings settings;
    private final Clock clock;

    public PostmortemBuilder(PostmortemSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The first revision of the incident's postmortem. */
    public Postmortem build(Incident incident) {
        return build(incident, 1);
    }

    public Postmortem build(Incident incident, int revision) {
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1, got " + revision + " for incident " + incident.getId());
        }
        Instant now = clock.instant();
        Milestones milestones = Milestones.of(incident);
        Mttx mttx = Mttx.of(milestones);
        List<String> services = distinctServices(incident.getServices());
        LogWindow window = LogWindow.around(milestones.firstSignal(), milestones.impactEnd(), now, settings.padding());

        Postmortem postmortem = Postmortem.newBuilder()
                .setIncidentId(incident.getId())
                .setCluster(incident.getCluster())
                .setTitle(title(incident, services))
                .setSeverity(incident.getSeverity())
                .setServices(services)
                .setStartedAt(milestones.firstSignal())
                .setEndedAt(milestones.impactEnd().orElse(null))
                .setMttdSeconds(Mttx.nullable(mttx.mttdSeconds()))
                .setTimeToPageSeconds(Mttx.nullable(Mttx.timeToPage(milestones)))
                .setMttaSeconds(Mttx.nullable(mttx.mttaSeconds()))
                .setMttmSeconds(Mttx.nullable(mttx.mttmSeconds()))
                .setMttrSeconds(Mttx.nullable(mttx.mttrSeconds()))
                .setTimeline(timeline(incident.getTimeline()))
                .setSignals(contributingSignals(incident.getSignals()))
                .setDistinctSignals(incident.getFiringSignals() + incident.getResolvedSignals())
                .setSignalGroups(List.copyOf(incident.getSignalGroups()))
                .setRootCauses(rootCauses(incident.getRootCauses()))
                .setSuspectChanges(suspectChanges(incident.getSuspectChanges()))
                .setBurn(List.copyOf(incident.getBurn()))
                .setLogQueries(logQueries(incident.getId(), services, window))
                .setMetricQueries(metricQueries(incident, services, window))
                .setActionItems(List.copyOf(incident.getActionItems()))
                .setMarkdown(null)
                .setGeneratedAt(now)
                .setRevision(revision)
                .setMitigations(List.copyOf(incident.getMitigations()))
                .setHeldNotifications(List.copyOf(incident.getHeldNotifications()))
                .build();
        postmortem.setSummary(Summary.of(postmortem, incident.getReopens()));
        return postmortem;
    }

    private static String title(Incident incident, List<String> services) {
        if (!incident.getTitle().isBlank()) {
            return incident.getTitle();
        }
        String where = services.isEmpty() ? "unknown service" : String.join(", ", services);
        return incident.getSeverity() + " incident: " + where + " on " + incident.getCluster();
    }

    private static List<String> distinctServices(List<String> services) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String service : services) {
            if (!service.isBlank()) {
                distinct.add(service);
            }
        }
        return List.copyOf(distinct);
    }

    /** Every entry, oldest first; equal times keep the incident's order (the sort is stable). */
    private static List<TimelineEntry> timeline(List<TimelineEntry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(TimelineEntry::getAt))
                .toList();
    }

    /**
     * One entry per fingerprint. The incident already deduplicates, but a re-opened incident or a replayed
     * record can carry a fingerprint twice: counts add up, the first and last sightings widen.
     */
    static List<SignalRef> contributingSignals(List<SignalRef> signals) {
        Map<String, SignalRef> byFingerprint = new LinkedHashMap<>();
        for (SignalRef signal : signals) {
            SignalRef seen = byFingerprint.get(signal.getFingerprint());
            byFingerprint.merge(signal.getFingerprint(), signal, PostmortemBuilder::merge);
        }
        return byFingerprint.values().stream()
                .sorted(Comparator.comparing(SignalRef::getFirstSeen).thenComparing(SignalRef::getFingerprint))
                .toList();
    }

    /** The later sighting gives status and summary; counts add up; the sighting window widens. */
    private static SignalRef merge(SignalRef a, SignalRef b) {
        SignalRef earlier = a.getFirstSeen().isAfter(b.getFirstSeen()) ? b : a;
        SignalRef later = a.getLastSeen().isAfter(b.getLastSeen()) ? a : b;
        return new SignalRef(a.getFingerprint(), a.getSource(), a.getService(),
                a.getAlertName() != null ? a.getAlertName() : b.getAlertName(), later.getStatus(),
                a.getSeverity().compareTo(b.getSeverity()) >= 0 ? a.getSeverity() : b.getSeverity(),
                later.getSummary(), a.getFlapping() || b.getFlapping(), Math.max(a.getFlips(), b.getFlips()),
                a.getCount() + b.getCount(), earlier.getFirstSeen(), later.getLastSeen(), later.getLabels(), later.getEpisodeStartsAt(), null);
    }

    private static List<RootCauseCandidate> rootCauses(List<RootCauseCandidate> candidates) {
        return candidates.stream()
                .sorted(Comparator.comparingDouble(RootCauseCandidate::getScore).reversed())
                .toList();
    }

    private static List<SuspectChange> suspectChanges(List<SuspectChange> changes) {
        return changes.stream()
                .sorted(Comparator.comparing(SuspectChange::getAt))
                .toList();
    }

    private List<LogQuery> logQueries(String incidentId, List<String> services, LogWindow window) {
        List<LogQuery> queries = new ArrayList<>();
        for (String service : services) {
            for (LogQl.Template template : LogQl.SEED_QUERIES) {
                String logql;
                try {
                    logql = LogQl.render(template, service);
                } catch (IllegalArgumentException e) {
                    LOG.warn("event=logql_skipped incident={} reason=\"{}\"", incidentId, e.getMessage());
                    break;
                }
                queries.add(LogQuery.newBuilder()
                        .setName(service + "/" + template.name())
                        .setLogql(logql)
                        .setExploreUrl(settings.grafanaUrl()
                                .map(g -> QueryLinks.explore(g, settings.lokiDatasource(), logql, window)).orElse(null))
                        .setQueryRangeUrl(settings.lokiUrl()
                                .map(l -> QueryLinks.queryRange(l, logql, window, settings.maxLogLines())).orElse(null))
                        .setLines(List.of())
                        .build());
            }
        }
        return queries;
    }

    /** The configured PromQL per service; a service whose name cannot be quoted is skipped, as for LogQL. */
    private List<MetricQuery> metricQueries(Incident incident, List<String> services, LogWindow window) {
        List<MetricQuery> queries = new ArrayList<>();
        for (String service : services) {
            for (PromQl.Template template : settings.metricQueries()) {
                String promql;
                try {
                    promql = PromQl.render(template, service, incident.getCluster());
                } catch (IllegalArgumentException e) {
                    LOG.warn("event=promql_skipped incident={} reason=\"{}\"", incident.getId(), e.getMessage());
                    break;
                }
                queries.add(new MetricQuery(service + "/" + template.name(), promql, settings.grafanaUrl()
                        .map(g -> QueryLinks.explorePrometheus(g, settings.prometheusDatasource(), promql, window)).orElse(null)));
            }
        }
        return queries;
    }
}

package io.firebreak.streams.correlation;

import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.Postmortem;
import io.firebreak.events.RcaReport;
import io.firebreak.events.ServiceEdge;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.state.Lru;
import io.firebreak.streams.state.StoreScans;
import io.firebreak.streams.state.StoreVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What enrichment reads besides the incident: changes ({@code cluster|at|id}), the latest RCA report per
 * service ({@code cluster|service}) and the service edges RCA reports taught us ({@code cluster|from|to}),
 * all of this task's clusters; plus the global burn rates (key SLO) and postmortems (key incident id).
 *
 * <p>Every signal of a storm is enriched, and each enrichment wants its cluster's changes, its cluster's service graph
 * and the burn table: three store scans per signal, for data that changes a few times an hour. So what was scanned is
 * kept until it changes: a cluster's changes and graph until this class writes a change or an RCA report of that
 * cluster (it is their only writer, on this thread), the burn table until the global thread counts a change of it
 * ({@link StoreVersion}). At most {@link #CLUSTERS_KEPT} clusters are kept.
 */
final class EnrichmentSources implements IncidentContext {

    private final KeyValueStore<String, ChangeEvent> changes;
    private final KeyValueStore<String, RcaReport> reports;
    private final KeyValueStore<String, Long> edges;
    private final KeyValueStore<String, BurnRate> burn;
    private final StoreVersion burnVersion;
    private final KeyValueStore<String, Postmortem> postmortems;
    private final ServiceGraph configured;
    private final Duration window;
    private final Map<String, List<ChangeEvent>> changesKept = Lru.map(CLUSTERS_KEPT);
    private final Map<String, ServiceGraph> graphsKept = Lru.map(CLUSTERS_KEPT);
    private List<BurnRate> burnKept = List.of();
    private long burnKeptVersion = -1;

    static final int CLUSTERS_KEPT = 1_000;

    /**
     * @param configured the {@code services:} graph, extended per cluster by the learned edges
     * @param window     how long before an incident opened an RCA report still counts for it
     */
    EnrichmentSources(KeyValueStore<String, ChangeEvent> changes, KeyValueStore<String, RcaReport> reports, KeyValueStore<String, Long> edges,
                      KeyValueStore<String, BurnRate> burn, StoreVersion burnVersion, KeyValueStore<String, Postmortem> postmortems,
                      ServiceGraph configured, Duration window) {
        this.changes = changes;
        this.reports = reports;
        this.edges = edges;
        this.burn = burn;
        this.burnVersion = burnVersion;
        this.postmortems = postmortems;
        this.configured = configured;
        this.window = window;
    }

    void addChange(ChangeEvent change) {
        // the zero-padded time keeps a cluster's changes in time order under its prefix
        changes.put(change.getCluster() + "|" + String.format("%013d", change.getAt().toEpochMilli()) + "|" + change.getId(), change);
        changesKept.remove(change.getCluster());
    }

    @Override
    public List<ChangeEvent> changesOf(String cluster) {
        return changesKept.computeIfAbsent(cluster,
                c -> StoreScans.withPrefix(changes, c + "|").stream().map(entry -> entry.value).toList());
    }

    /** Keeps the report (the latest per service wins) and learns its dependency edges, stamped {@code timestamp}. */
    void addReport(RcaReport report, long timestamp) {
        for (ServiceEdge edge : report.getDependencies()) {
            edges.put(report.getCluster() + "|" + edge.getFrom() + "|" + edge.getTo(), timestamp);
        }
        reports.put(report.getCluster() + "|" + report.getService(), report);
        graphsKept.remove(report.getCluster());
    }

    /** The configured service graph plus the edges learned from this cluster's RCA reports. */
    @Override
    public ServiceGraph graph(String cluster) {
        return graphsKept.computeIfAbsent(cluster, this::readGraph);
    }

    private ServiceGraph readGraph(String cluster) {
        List<ServiceGraph.Edge> learned = new ArrayList<>();
        for (KeyValue<String, Long> entry : StoreScans.withPrefix(edges, cluster + "|")) {
            String[] parts = entry.key.substring(cluster.length() + 1).split("\\|", 2);
            if (parts.length == 2) {
                learned.add(new ServiceGraph.Edge(parts[0], parts[1]));
            }
        }
        return configured.plus(learned);
    }

    /** The latest Coroot (or other external) RCA for one of the incident's services, recent enough. */
    @Override
    public Optional<RcaReport> corootReport(Incident incident) {
        RcaReport best = null;
        for (String service : incident.getServices()) {
            RcaReport report = reports.get(incident.getCluster() + "|" + service);
            boolean recent = report != null && !report.getAt().isBefore(incident.getOpenedAt().minus(window));
            boolean forOther = report != null && report.getIncidentId() != null && !report.getIncidentId().equals(incident.getId());
            if (recent && !forOther && (best == null || report.getAt().isAfter(best.getAt()))) {
                best = report;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public List<BurnRate> burnRates() {
        long version = burnVersion.current();
        if (version != burnKeptVersion) {
            // version first: a change counted while scanning makes the next call scan again
            burnKeptVersion = version;
            burnKept = List.copyOf(StoreScans.values(burn));
        }
        return burnKept;
    }

    Optional<Postmortem> postmortem(String incidentId) {
        return Optional.ofNullable(postmortems.get(incidentId));
    }

    /** Drops changes made before {@code changeCutoff} and reports made before {@code reportCutoff}. */
    void dropOlderThan(Instant changeCutoff, Instant reportCutoff) {
        StoreScans.deleteWhere(changes, (key, change) -> change.getAt().isBefore(changeCutoff));
        StoreScans.deleteWhere(reports, (key, report) -> report.getAt().isBefore(reportCutoff));
        changesKept.clear();
    }
}

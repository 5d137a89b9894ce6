package io.firebreak.streams.enrich;

import io.firebreak.events.Incident;
import io.firebreak.events.RcaReport;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SuspectChange;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.state.Lru;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in RCA (DESIGN §6.5): ranks root-cause candidates, best first, each with its evidence.
 * Order: the most upstream alerting dependency first (the service most of the incident's other alerting
 * services depend on, transitively), then services with resource-anomaly signals (CPU, memory, disk,
 * network, OOM, saturation), then services with recent changes. A cascade's root is the service the
 * others wait on, so upstream-ness dominates; anomalies and changes break ties and rank the rest.
 *
 * <p>A Coroot report is attached as it is when it names candidates (Coroot sees traces we do not); when it
 * only carries a summary, the built-in ranking is used and the summary becomes evidence on every candidate
 * it names.
 */
public final class RootCauseRanker {

    /**
     * Resource words in an alert's name or summary. {@code oom} only at a word start or as {@code oomkill}:
     * as a bare substring it matched "TooManyConnections" and "room".
     */
    private static final Pattern RESOURCE = Pattern.compile("cpu|memory|mem_|disk|network|\\boom\\b|oomkill|outofmemory|saturat|throttl|filesystem");

    /**
     * Whether an alert's name and summary name a resource, remembered per text and stream thread: the ranking runs on
     * every change of an incident and looks at the same sampled signals each time, so in a storm the lower-casing and
     * the regular expression would run ~20 times per signal.
     */
    private static final ThreadLocal<Map<String, Boolean>> RESOURCE_TEXTS = ThreadLocal.withInitial(() -> Lru.map(4096));

    private RootCauseRanker() {
    }

    private static boolean namesAResource(String alertName, String summary) {
        return RESOURCE_TEXTS.get().computeIfAbsent(alertName + "\n" + summary,
                text -> RESOURCE.matcher(text.toLowerCase(Locale.ROOT)).find());
    }

    public static List<RootCauseCandidate> rank(Incident incident, ServiceGraph graph, Optional<RcaReport> coroot) {
        if (coroot.isPresent() && !coroot.get().getCandidates().isEmpty()) {
            List<RootCauseCandidate> ranked = new ArrayList<>();
            Set<String> named = new LinkedHashSet<>();
            for (RootCauseCandidate candidate : coroot.get().getCandidates()) {
                List<String> evidence = new ArrayList<>(candidate.getEvidence());
                evidence.add("coroot RCA" + (coroot.get().getDetailsUrl() == null ? "" : " " + coroot.get().getDetailsUrl()));
                ranked.add(RootCauseCandidate.newBuilder(candidate).setEvidence(evidence).build());
                named.add(candidate.getService());
            }
            builtin(incident, graph, Optional.empty()).stream().filter(c -> !named.contains(c.getService())).forEach(ranked::add);
            return ranked;
        }
        return builtin(incident, graph, coroot.map(RcaReport::getSummary));
    }

    private record Score(String service, int dependents, boolean alerting, boolean anomaly, boolean changed, List<String> evidence) {
        double value(int alertingCount) {
            double upstream = alertingCount <= 1 ? (alerting ? 1.0 : 0.0) : (double) dependents / (alertingCount - 1);
            return Math.round((0.6 * upstream + (anomaly ? 0.25 : 0) + (changed ? 0.15 : 0)) * 100) / 100.0;
        }
    }

    private static List<RootCauseCandidate> builtin(Incident incident, ServiceGraph graph, Optional<String> corootSummary) {
        List<String> alerting = new ArrayList<>(incident.getServices());
        Map<String, List<SuspectChange>> changes = new LinkedHashMap<>();
        incident.getSuspectChanges().forEach(change -> changes.computeIfAbsent(change.getService(), k -> new ArrayList<>()).add(change));
        Set<String> services = new LinkedHashSet<>(alerting);
        services.addAll(changes.keySet());

        List<Score> scores = new ArrayList<>();
        for (String service : services) {
            List<String> evidence = new ArrayList<>();
            boolean isAlerting = alerting.contains(service);
            List<String> dependents = new ArrayList<>();
            for (String other : alerting) {
                if (!other.equals(service) && graph.dependsOnTransitively(other, service)) {
                    dependents.add(other);
                }
            }
            if (!dependents.isEmpty()) {
                evidence.add(dependents.size() + " alerting service(s) depend on it: " + String.join(", ", dependents));
            }
            if (isAlerting) {
                boolean dependsOnAlerting = alerting.stream().anyMatch(o -> !o.equals(service) && graph.dependsOnTransitively(service, o));
                evidence.add(dependsOnAlerting ? "alerting, but depends on another alerting service"
                        : "alerting, and depends on no other alerting service (most upstream)");
            }
            List<String> anomalies = anomalies(incident, service);
            anomalies.forEach(a -> evidence.add("resource anomaly: " + a));
            for (SuspectChange change : changes.getOrDefault(service, List.of())) {
                evidence.add("recent " + change.getKind().name().toLowerCase(Locale.ROOT) + " "
                        + Optional.ofNullable(change.getVersion()).orElse(change.getChangeId()) + " at " + change.getAt()
                        + Optional.ofNullable(change.getAuthor()).map(a -> " by " + a).orElse(""));
            }
            corootSummary.filter(summary -> summary.contains(service)).ifPresent(summary -> evidence.add("coroot: " + summary));
            scores.add(new Score(service, dependents.size(), isAlerting, !anomalies.isEmpty(), changes.containsKey(service), evidence));
        }
        scores.sort(Comparator.comparingInt(Score::dependents).reversed()
                .thenComparing(Score::alerting, Comparator.reverseOrder())
                .thenComparing(Score::anomaly, Comparator.reverseOrder())
                .thenComparing(Score::changed, Comparator.reverseOrder())
                .thenComparing(Score::service));
        List<RootCauseCandidate> ranked = new ArrayList<>();
        for (Score score : scores) {
            ranked.add(new RootCauseCandidate(score.service(), score.value(alerting.size()), score.evidence()));
        }
        return ranked;
    }

    private static List<String> anomalies(Incident incident, String service) {
        List<String> found = new ArrayList<>();
        for (SignalRef signal : incident.getSignals()) {
            if (!signal.getService().equals(service)) {
                continue;
            }
            // a resource label (connections, memory, disk...) says outright which resource ran short
            String resource = signal.getLabels().getOrDefault("resource", "");
            if (!resource.isBlank() || namesAResource(Optional.ofNullable(signal.getAlertName()).orElse(""),
                    Optional.ofNullable(signal.getSummary()).orElse(""))) {
                found.add(Optional.ofNullable(signal.getAlertName()).orElse(signal.getFingerprint())
                        + Optional.ofNullable(signal.getLabels().get("resource")).map(r -> " (resource=" + r + ")").orElse(""));
            }
        }
        return found;
    }
}

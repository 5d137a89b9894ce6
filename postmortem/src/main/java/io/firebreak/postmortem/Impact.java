package io.firebreak.postmortem;

import io.firebreak.events.Postmortem;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.TreeSet;

/** The impact section of a postmortem: when, how long, where, how bad, which SLOs. */
public record Impact(Instant start, Optional<Instant> end, Optional<Duration> duration, List<String> clusters,
                     List<String> services, Severity severity, List<SloImpact> slos) {

    /** Distinct signals of the incident; postmortems written before the incident was bounded list them all. */
    public static int distinctSignals(Postmortem postmortem) {
        return Math.max(postmortem.getDistinctSignals(), postmortem.getSignals().size());
    }

    public static Impact of(Postmortem postmortem) {
        Optional<Instant> end = Optional.ofNullable(postmortem.getEndedAt());
        TreeSet<String> clusters = new TreeSet<>();
        clusters.add(postmortem.getCluster());
        // Signals normally share the incident's cluster; a cross-cluster dependency shows up in their labels.
        for (SignalRef signal : postmortem.getSignals()) {
            String cluster = signal.getLabels().get("cluster");
            if (cluster != null && !cluster.isBlank()) {
                clusters.add(cluster);
            }
        }
        return new Impact(postmortem.getStartedAt(), end,
                end.map(e -> Duration.between(postmortem.getStartedAt(), e)),
                List.copyOf(clusters), List.copyOf(postmortem.getServices()), postmortem.getSeverity(),
                SloImpact.of(postmortem.getBurn()));
    }
}

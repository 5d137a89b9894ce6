package io.firebreak.streams.enrich;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.SuspectChange;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Change detection (DESIGN §6.4): a change to one of the incident's services or their dependencies (within
 * graphDepth hops) made at most {@code lookback} before the incident opened, or while it is open, is a
 * suspect.
 */
public final class Suspects {

    private Suspects() {
    }

    public static boolean relevant(ChangeEvent change, Incident incident, ServiceGraph graph, int depth, Duration lookback) {
        if (!change.getCluster().equals(incident.getCluster())) {
            return false;
        }
        if (change.getAt().isBefore(incident.getOpenedAt().minus(lookback))) {
            return false;
        }
        Set<String> affected = new LinkedHashSet<>(incident.getServices());
        affected.addAll(graph.dependenciesOf(incident.getServices(), depth));
        return affected.contains(change.getService());
    }

    public static SuspectChange of(ChangeEvent change) {
        // texts cut to the incident record's limits: a CI system's long URL must not crowd out the rest of the record
        return SuspectChange.newBuilder().setChangeId(change.getId()).setService(change.getService())
                .setKind(change.getKind()).setVersion(version(change)).setAuthor(IncidentLimits.clip(change.getAuthor(), SHORT_TEXT))
                .setUrl(IncidentLimits.clip(change.getUrl(), IncidentLimits.SAMPLE_TEXT)).setAt(change.getAt()).build();
    }

    private static final int SHORT_TEXT = 128;

    private static String version(ChangeEvent change) {
        return IncidentLimits.clip(change.getVersion(), SHORT_TEXT);
    }

    /**
     * Whether the incident already lists this change: same id, or the same service, kind and version (CI/CD
     * and Coroot both report one deployment).
     */
    public static boolean listed(Incident incident, ChangeEvent change) {
        List<SuspectChange> known = incident.getSuspectChanges();
        return known.stream().anyMatch(s -> s.getChangeId().equals(change.getId())
                || (s.getService().equals(change.getService()) && s.getKind() == change.getKind()
                    && change.getVersion() != null && version(change).equals(s.getVersion())));
    }
}

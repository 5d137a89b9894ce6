package io.firebreak.streams.enrich;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.SuspectChange;
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
        return SuspectChange.newBuilder().setChangeId(change.getId()).setService(change.getService())
                .setKind(change.getKind()).setVersion(change.getVersion()).setAuthor(change.getAuthor())
                .setUrl(change.getUrl()).setAt(change.getAt()).build();
    }

    /**
     * Whether the incident already lists this change: same id, or the same service, kind and version (CI/CD
     * and Coroot both report one deployment).
     */
    public static boolean listed(Incident incident, ChangeEvent change) {
        List<SuspectChange> known = incident.getSuspectChanges();
        return known.stream().anyMatch(s -> s.getChangeId().equals(change.getId())
                || (s.getService().equals(change.getService()) && s.getKind() == change.getKind()
                    && change.getVersion() != null && change.getVersion().equals(s.getVersion())));
    }
}

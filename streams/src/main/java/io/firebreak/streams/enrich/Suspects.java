package io.firebreak.streams.enrich;

import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.Incident;
import io.firebreak.events.Mitigation;
import io.firebreak.events.SuspectChange;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.streams.graph.ServiceGraph;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
     * Whether the change takes a service back rather than forward: declared ({@code kind: rollback}), or a version the
     * service ran before one of the incident's suspect changes to it, made while the incident is open (that change's {@code previousVersion}, or the
     * version of an earlier change). Such a change is a mitigation, never a new suspect.
     *
     * @param history the cluster's changes, to learn which versions a service ran
     */
    public static boolean rollback(ChangeEvent change, Incident incident, List<ChangeEvent> history) {
        if (change.getAt().isBefore(incident.getOpenedAt())) {
            return false; // a change before the incident cannot have mitigated it; it may have caused it
        }
        if (change.getKind() == ChangeKind.ROLLBACK) {
            return true;
        }
        if (change.getVersion() == null) {
            return false;
        }
        for (SuspectChange suspect : incident.getSuspectChanges()) {
            if (!suspect.getService().equals(change.getService()) || change.getAt().isBefore(suspect.getAt())
                    || version(change).equals(suspect.getVersion())) {
                continue;
            }
            boolean ranBefore = history.stream().anyMatch(earlier -> earlier.getService().equals(change.getService())
                    && (earlier.getId().equals(suspect.getChangeId()) && change.getVersion().equals(earlier.getPreviousVersion())
                        || earlier.getAt().isBefore(suspect.getAt()) && change.getVersion().equals(earlier.getVersion())));
            if (ranBefore) {
                return true;
            }
        }
        return false;
    }

    /** The rollback as the incident's mitigation; who rolled back is the change's author when it names one. */
    public static Mitigation mitigation(ChangeEvent change) {
        return Mitigation.newBuilder().setKind("rollback").setService(change.getService()).setVersion(version(change))
                .setChangeId(change.getId()).setAt(change.getAt())
                .setActor(Optional.ofNullable(IncidentLimits.clip(change.getAuthor(), SHORT_TEXT)).orElse("firebreak")).build();
    }

    /** Whether the incident already records this rollback (by change id, or the same service and version). */
    public static boolean mitigationListed(Incident incident, ChangeEvent change) {
        return incident.getMitigations().stream().anyMatch(m -> change.getId().equals(m.getChangeId())
                || "rollback".equals(m.getKind()) && change.getService().equals(m.getService()) && change.getVersion() != null
                    && version(change).equals(m.getVersion()));
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

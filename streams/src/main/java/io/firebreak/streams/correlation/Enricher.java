package io.firebreak.streams.correlation;

import io.firebreak.events.BurnRate;
import io.firebreak.events.BurnSnapshot;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.Incident;
import io.firebreak.events.Mitigation;
import io.firebreak.events.RcaReport;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.Stage;
import io.firebreak.events.SuspectChange;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.enrich.Burn;
import io.firebreak.streams.enrich.BurnChange;
import io.firebreak.streams.enrich.RootCauseRanker;
import io.firebreak.streams.enrich.Suspects;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.lifecycle.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Enrichment of an incident (DESIGN §5, §6.4, §6.5): suspect changes, SLO burn snapshots, root-cause
 * candidates (Coroot's when present, else built in). Before the first notifications the data is collected
 * silently; once released, new enrichment is a stage entry and an UPDATE for the notified receivers.
 */
final class Enricher {

    private final CorrelationSettings settings;
    private final Supplier<List<BurnRate>> burnRates;
    private final Function<String, List<ChangeEvent>> changesOfCluster;

    Enricher(CorrelationSettings settings, Supplier<List<BurnRate>> burnRates, Function<String, List<ChangeEvent>> changesOfCluster) {
        this.settings = settings;
        this.burnRates = burnRates;
        this.changesOfCluster = changesOfCluster;
    }

    /** Whether the change would be attached to the incident: as a new suspect, or as a rollback not recorded yet. */
    boolean wouldSuspect(ChangeEvent change, Incident incident, ServiceGraph graph) {
        if (!Suspects.relevant(change, incident, graph, settings.graphDepth(), settings.changeLookback())) {
            return false;
        }
        if (Suspects.rollback(change, incident, changesOfCluster.apply(incident.getCluster()))) {
            return !Suspects.mitigationListed(incident, change);
        }
        return !Suspects.listed(incident, change);
    }

    /** A rollback mitigates the incident (timeline kind {@code rollback}); it is never a suspect. */
    private static void recordRollback(Incident incident, ChangeEvent change, Instant at) {
        List<Mitigation> mitigations = new ArrayList<>(incident.getMitigations());
        mitigations.add(Suspects.mitigation(change));
        incident.setMitigations(mitigations);
        Timeline.add(incident, at, "rollback", "rollback of " + change.getService() + Optional.ofNullable(change.getVersion())
                .map(v -> " to " + v).orElse("") + " at " + change.getAt(), Timeline.ACTOR, List.of("change " + change.getId()));
    }

    /** RCA from Coroot and burn are both in: no reason to wait for the enrichment deadline. */
    boolean complete(Incident incident) {
        return "coroot".equals(incident.getRcaSource()) && !incident.getBurn().isEmpty();
    }

    /** Enriches the working copy in place and says whether notified receivers should hear about it. */
    Notice enrich(Incident incident, ServiceGraph graph, Optional<RcaReport> coroot, Instant at, boolean released) {
        Notice notice = Notice.NONE;
        List<ChangeEvent> history = changesOfCluster.apply(incident.getCluster());
        for (ChangeEvent change : history) {
            if (Suspects.rollback(change, incident, history)) {
                if (Suspects.relevant(change, incident, graph, settings.graphDepth(), settings.changeLookback())
                        && !Suspects.mitigationListed(incident, change) && incident.getMitigations().size() < IncidentLimits.SUSPECT_CHANGES) {
                    recordRollback(incident, change, at);
                    notice = released ? Notice.UPDATE : notice;
                }
                continue;
            }
            if (incident.getSuspectChanges().size() < IncidentLimits.SUSPECT_CHANGES && wouldSuspect(change, incident, graph)) {
                List<SuspectChange> suspects = new ArrayList<>(incident.getSuspectChanges());
                suspects.add(Suspects.of(change));
                incident.setSuspectChanges(suspects);
                Timeline.add(incident, at, "enrichment", "suspect change: " + change.getKind().name().toLowerCase(java.util.Locale.ROOT)
                        + " of " + change.getService() + Optional.ofNullable(change.getVersion()).map(v -> " " + v).orElse("")
                        + " at " + change.getAt(), Timeline.ACTOR, List.of("change " + change.getId()));
                notice = released ? Notice.UPDATE : notice;
            }
        }

        List<BurnSnapshot> burnBefore = incident.getBurn();
        List<BurnSnapshot> burn = burnSnapshots(incident);
        if (!burn.equals(burnBefore)) {
            incident.setBurn(burn);
        }

        if (coroot.isPresent() && !Timeline.hasEvidence(incident, "rca " + coroot.get().getId())) {
            incident.setRcaSource(coroot.get().getSource());
            Timeline.add(incident, at, "enrichment", "RCA from " + coroot.get().getSource() + " on " + coroot.get().getService()
                    + Optional.ofNullable(coroot.get().getSummary()).map(s -> ": " + s).orElse(""), Timeline.ACTOR,
                    List.of("rca " + coroot.get().getId()));
            notice = released ? Notice.UPDATE : notice;
        }
        if (released || coroot.isPresent()) {
            List<RootCauseCandidate> ranked = bounded(RootCauseRanker.rank(incident, graph, coroot));
            Optional<String> before = top(incident.getRootCauses());
            incident.setRootCauses(ranked);
            if (coroot.isEmpty()) {
                incident.setRcaSource("builtin");
            }
            Optional<String> after = top(ranked);
            if (released && !ranked.isEmpty() && StageMachine.advance(incident, Stage.RCA_GENERATED, at, "root cause #1: " + after.orElse("?")
                    + " (" + incident.getRcaSource() + ")", ranked.get(0).getEvidence())) {
                notice = Notice.UPDATE;
            } else if (released && before.isPresent() && !Objects.equals(before, after)) {
                Timeline.add(incident, at, "enrichment", "root cause #1 now " + after.orElse("?") + " (was " + before.get() + ")",
                        Timeline.ACTOR, ranked.get(0).getEvidence());
                notice = Notice.UPDATE;
            }
        }
        // runbook order: RCA_GENERATED, then SLO_BURN_ANALYZED, both before the first notifications (PAGED).
        // The analysis runs whether or not an SLO covers the incident's services: the stage records that it ran.
        if (released) {
            if (StageMachine.advance(incident, Stage.SLO_BURN_ANALYZED, at, Burn.analysis(burn, incident.getServices()), burnEvidence(burn))) {
                notice = Notice.UPDATE;
            } else if (StageMachine.reached(incident, Stage.SLO_BURN_ANALYZED)) {
                Optional<String> news = BurnChange.news(burnBefore, burn);
                if (news.isPresent()) {
                    Timeline.add(incident, at, "enrichment", news.get(), Timeline.ACTOR, burnEvidence(burn));
                    notice = Notice.UPDATE;
                }
            }
        }
        return notice;
    }

    /** Whether the current burn differs enough from the incident's snapshot for a refreshed version. */
    boolean burnChanged(Incident incident) {
        return BurnChange.meaningful(incident.getBurn(), burnSnapshots(incident));
    }

    /** The burn of the SLOs covering the incident's services, at most {@link IncidentLimits#BURN_SNAPSHOTS} of them. */
    private List<BurnSnapshot> burnSnapshots(Incident incident) {
        List<BurnSnapshot> all = Burn.snapshots(incident, burnRates.get());
        return all.size() > IncidentLimits.BURN_SNAPSHOTS ? List.copyOf(all.subList(0, IncidentLimits.BURN_SNAPSHOTS)) : all;
    }

    private static List<String> burnEvidence(List<BurnSnapshot> burn) {
        return burn.stream().map(b -> "slo " + b.getSlo() + " alert " + Burn.alertLevel(b)).toList();
    }

    private static Optional<String> top(List<RootCauseCandidate> candidates) {
        return candidates.stream().findFirst().map(RootCauseCandidate::getService);
    }

    /** The best {@link IncidentLimits#ROOT_CAUSES} candidates, each with at most a few evidence items of bounded length. */
    private static List<RootCauseCandidate> bounded(List<RootCauseCandidate> ranked) {
        List<RootCauseCandidate> kept = new ArrayList<>();
        for (RootCauseCandidate candidate : ranked.subList(0, Math.min(ranked.size(), IncidentLimits.ROOT_CAUSES))) {
            List<String> evidence = candidate.getEvidence().stream().limit(IncidentLimits.EVIDENCE_ITEMS)
                    .map(item -> IncidentLimits.clip(item, IncidentLimits.EVIDENCE_TEXT)).toList();
            kept.add(new RootCauseCandidate(candidate.getService(), candidate.getScore(), evidence));
        }
        return kept;
    }
}

package io.firebreak.streams.correlation;

import static io.firebreak.schemas.CoreTypes.severity;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.lifecycle.Timeline;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds signals into incidents (DESIGN §6.1–6.3 and the reopen rule of §5), plain Java so every rule is
 * testable without Kafka. The incident keeps counts and a sample ({@link SignalTally}); the caller keeps each
 * signal's full state ({@link Applied#signal()}). Idempotent by fingerprint: a signal that changes nothing visible returns empty, so
 * a re-delivered or re-sent alert never produces a new incident version, timeline entry or page.
 */
public final class Correlator {

    /** A signal's effect on an incident: the changed working copy and what notified receivers hear. */
    public record Applied(Incident incident, Notice notice, SignalRef signal) {
    }

    /** Timeline kinds of the entries that sum up a burst of signals once an incident has more than a few. */
    static final String JOINED = "signals-joined";
    static final String RESOLVED = "signals-resolved";
    static final String REFIRED = "signals-firing-again";

    /** Opens an incident for the first signal of a group: SIGNAL_DETECTED, then ALERT_FIRED. Its origin is that signal. */
    public Incident open(String id, GroupKey group, Signal signal, boolean flapping, Instant at) {
        Instant detected = detectedAt(signal, at);
        String name = SignalRefs.name(signal);
        List<TimelineEntry> timeline = List.of(
                Timeline.entry(detected, Stage.SIGNAL_DETECTED, "transition",
                        name + " firing on " + signal.getService() + " (fingerprint " + signal.getFingerprint() + ")", Timeline.ACTOR, evidence(signal)),
                Timeline.entry(at, Stage.ALERT_FIRED, "transition", "opened for " + group + " at severity " + signal.getSeverity(),
                        Timeline.ACTOR, List.of()));
        SignalRef ref = SignalRefs.first(signal, at);
        ref.setFlapping(flapping);
        Incident incident = Incident.newBuilder()
                .setId(id)
                .setCluster(signal.getCluster())
                .setGroupKey(group.value())
                .setTitle(IncidentLimits.clip(signal.getService() + ": " + name + " (" + signal.getCluster() + ")", IncidentLimits.TEXT))
                .setSeverity(signal.getSeverity())
                .setStage(Stage.ALERT_FIRED)
                .setServices(List.of(signal.getService()))
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setClosed(false)
                .setReopens(0)
                .setVersion(1)
                .setSignals(List.of())
                .setOrigin(SignalTally.sampled(ref, 4 * IncidentLimits.LABEL_BYTES))
                .setTimeline(timeline)
                .setPagedReceivers(List.of())
                .setFirstSignalAt(detected)
                .setAlertFiredAt(at)
                .build();
        SignalTally.added(incident, ref);
        return incident;
    }

    /**
     * Applies a signal to the incident it belongs to (by group or through the service graph, named in
     * {@code via}); {@code known} is the signal's last state in this incident, if it had been seen. Empty when
     * nothing visible changed: a repeat of a firing alert, a second "resolved", a "resolved" for an alert the
     * incident never saw. The returned incident is a new copy; version and updatedAt are the caller's. The work
     * does not grow with the number of signals the incident already has.
     */
    public Optional<Applied> apply(Incident current, Optional<SignalRef> known, Signal signal, boolean flapping, Optional<String> via,
                                   Instant at) {
        Incident incident = Records.copy(current);
        String name = SignalRefs.name(signal);
        String service = signal.getService();
        boolean individual = SignalTally.total(incident) < IncidentLimits.INDIVIDUAL_SIGNAL_ENTRIES;
        boolean firingAgain;
        boolean flappingNow = false;
        SignalRef ref;
        if (known.isEmpty()) {
            if (signal.getStatus() == SignalStatus.RESOLVED) {
                return Optional.empty();
            }
            ref = SignalRefs.first(signal, at);
            ref.setFlapping(flapping);
            SignalTally.added(incident, ref);
            String joined = via.map(v -> " through the service graph (" + v + ")").orElse("");
            if (individual || via.isPresent()) {
                Timeline.add(incident, at, "signal", name + " firing on " + service + " joined" + joined, Timeline.ACTOR, evidence(signal));
            } else {
                Timeline.aggregate(incident, at, JOINED, "more signals joined");
            }
            firingAgain = true;
        } else {
            SignalRef before = known.get();
            boolean statusChanged = before.getStatus() != signal.getStatus();
            boolean severityRose = severity(signal.getSeverity()).isHigherThan(severity(before.getSeverity()));
            boolean newlyFlapping = flapping && !before.getFlapping();
            if (!statusChanged && !severityRose && !newlyFlapping) {
                return Optional.empty();
            }
            ref = Records.copy(before);
            ref.setLabels(signal.getLabels()); // its dedup entry keeps none (SignalDeduplicator)
            ref.setLastSeen(at);
            ref.setCount(before.getCount() + 1);
            ref.setFlapping(before.getFlapping() || flapping);
            ref.setSeverity(severityRose ? signal.getSeverity() : before.getSeverity());
            if (statusChanged) {
                ref.setStatus(signal.getStatus());
                ref.setFlips(before.getFlips() + 1);
            }
            SignalTally.changed(incident, before, ref);
            if (newlyFlapping) {
                Timeline.add(incident, at, "signal", name + " on " + service + " is flapping (" + (before.getFlips() + 1)
                        + " state flips); it will not re-page or reopen", Timeline.ACTOR, evidence(signal));
            } else if (statusChanged && !before.getFlapping()) {
                // a flapping signal's flips are counted, not written: they would drown the timeline
                boolean resolved = signal.getStatus() == SignalStatus.RESOLVED;
                if (individual) {
                    Timeline.add(incident, at, "signal", name + " on " + service + (resolved ? " resolved" : " firing again"),
                            Timeline.ACTOR, evidence(signal));
                } else {
                    Timeline.aggregate(incident, at, resolved ? RESOLVED : REFIRED, resolved ? "signals resolved" : "signals firing again");
                }
            }
            firingAgain = statusChanged && signal.getStatus() == SignalStatus.FIRING && !(before.getFlapping() || flapping);
            flappingNow = before.getFlapping() || flapping;
        }
        if (!incident.getServices().contains(service) && incident.getServices().size() < IncidentLimits.SERVICES) {
            List<String> services = new ArrayList<>(incident.getServices());
            services.add(service);
            incident.setServices(services);
        }
        Notice notice = Notice.NONE;
        // escalation only: a lower-severity signal never lowers the incident, so never un-pages (DESIGN §7)
        boolean escalates = severity(signal.getSeverity()).isHigherThan(severity(incident.getSeverity()));
        if (signal.getStatus() == SignalStatus.FIRING && !flappingNow && escalates) {
            Timeline.add(incident, at, "escalation", "severity " + incident.getSeverity() + " -> " + signal.getSeverity()
                    + " by " + name + " on " + service);
            incident.setSeverity(signal.getSeverity());
            notice = Notice.UPDATE;
        }
        if (firingAgain && !StageMachine.active(incident) && incident.getStage() != Stage.POSTMORTEM_PUBLISHED) {
            StageMachine.reopen(incident, at, "reopened: " + name + " firing on " + service, evidence(signal));
            notice = Notice.UPDATE;
        }
        if (signal.getStatus() == SignalStatus.RESOLVED && SignalTally.allResolved(incident)) {
            Timeline.add(incident, at, "signal", "all " + SignalTally.total(incident) + " signals resolved; recovery pending");
        }
        return Optional.of(new Applied(incident, notice, ref));
    }

    /** Marks an incident closed when it leaves the correlation state (see the retention sweep). */
    public Incident close(Incident incident, Instant at, String cause) {
        Incident closed = Records.copy(incident);
        closed.setClosed(true);
        closed.setUpdatedAt(at);
        closed.setVersion(incident.getVersion() + 1);
        Timeline.add(closed, at, "note", cause);
        return closed;
    }

    private static List<String> evidence(Signal signal) {
        List<String> evidence = new ArrayList<>(List.of("fingerprint " + signal.getFingerprint()));
        if (signal.getSummary() != null) {
            evidence.add(signal.getSummary());
        }
        return evidence;
    }

    /** When the problem was first seen: the alert's own start, unless that is missing or in our future. */
    private static Instant detectedAt(Signal signal, Instant at) {
        Instant startsAt = signal.getStartsAt();
        return startsAt == null || startsAt.toEpochMilli() <= 0 || startsAt.isAfter(at) ? at : startsAt;
    }
}

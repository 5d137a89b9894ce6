package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.lifecycle.StageMachine;
import io.firebreak.streams.lifecycle.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds signals into incidents (DESIGN §6.1–6.3 and the reopen rule of §5), plain Java so every rule is
 * testable without Kafka. Idempotent by fingerprint: a signal that changes nothing visible returns empty, so
 * a re-delivered or re-sent alert never produces a new incident version, timeline entry or page.
 */
public final class Correlator {

    /** A signal's effect on an incident: the changed working copy and what notified receivers hear. */
    public record Applied(Incident incident, Notice notice) {
    }

    /** Opens an incident for the first signal of a group: SIGNAL_DETECTED, then ALERT_FIRED. */
    public Incident open(String id, GroupKey group, Signal signal, boolean flapping, Instant at) {
        Instant detected = detectedAt(signal, at);
        String name = SignalRefs.name(signal);
        List<TimelineEntry> timeline = List.of(
                TimelineEntry.newBuilder().setAt(detected).setStage(Stage.SIGNAL_DETECTED).setKind("transition")
                        .setCause(name + " firing on " + signal.getService() + " (fingerprint " + signal.getFingerprint() + ")")
                        .setActor(Timeline.ACTOR).setEvidence(evidence(signal)).build(),
                TimelineEntry.newBuilder().setAt(at).setStage(Stage.ALERT_FIRED).setKind("transition")
                        .setCause("opened for " + group + " at severity " + signal.getSeverity())
                        .setActor(Timeline.ACTOR).setEvidence(List.of()).build());
        SignalRef ref = SignalRefs.first(signal, at);
        ref.setFlapping(flapping);
        return Incident.newBuilder()
                .setId(id)
                .setCluster(signal.getCluster())
                .setGroupKey(group.value())
                .setTitle(signal.getService() + ": " + name + " (" + signal.getCluster() + ")")
                .setSeverity(signal.getSeverity())
                .setStage(Stage.ALERT_FIRED)
                .setServices(List.of(signal.getService()))
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setClosed(false)
                .setReopens(0)
                .setVersion(1)
                .setSignals(List.of(ref))
                .setTimeline(timeline)
                .setPagedReceivers(List.of())
                .setFirstSignalAt(detected)
                .setAlertFiredAt(at)
                .build();
    }

    /**
     * Applies a signal to the incident it belongs to (by group or through the service graph, named in
     * {@code via}). Empty when nothing visible changed: a repeat of a firing alert, a second "resolved", a
     * "resolved" for an alert the incident never saw. The returned incident is a new copy; version and
     * updatedAt are the caller's.
     */
    public Optional<Applied> apply(Incident current, Signal signal, boolean flapping, Optional<String> via, Instant at) {
        Incident incident = Incident.newBuilder(current).build();
        List<SignalRef> signals = new ArrayList<>(incident.getSignals());
        int index = indexOf(signals, signal.getFingerprint());
        String name = SignalRefs.name(signal);
        String service = signal.getService();
        boolean firingAgain = false;
        boolean flappingNow = false;
        if (index < 0) {
            if (signal.getStatus() == SignalStatus.RESOLVED) {
                return Optional.empty();
            }
            SignalRef ref = SignalRefs.first(signal, at);
            ref.setFlapping(flapping);
            signals.add(ref);
            Timeline.add(incident, at, "signal", name + " firing on " + service + " joined"
                    + via.map(v -> " through the service graph (" + v + ")").orElse(""), Timeline.ACTOR, evidence(signal));
            firingAgain = true;
        } else {
            SignalRef known = signals.get(index);
            boolean statusChanged = known.getStatus() != signal.getStatus();
            boolean severityRose = Severities.higher(signal.getSeverity(), known.getSeverity());
            boolean newlyFlapping = flapping && !known.getFlapping();
            if (!statusChanged && !severityRose && !newlyFlapping) {
                return Optional.empty();
            }
            SignalRef.Builder updated = SignalRef.newBuilder(known)
                    .setLastSeen(at)
                    .setCount(known.getCount() + 1)
                    .setFlapping(known.getFlapping() || flapping)
                    .setSeverity(Severities.max(known.getSeverity(), signal.getSeverity()));
            if (statusChanged) {
                updated.setStatus(signal.getStatus()).setFlips(known.getFlips() + 1);
            }
            if (newlyFlapping) {
                Timeline.add(incident, at, "signal", name + " on " + service + " is flapping (" + (known.getFlips() + 1)
                        + " state flips); it will not re-page or reopen", Timeline.ACTOR, evidence(signal));
            } else if (statusChanged && !known.getFlapping()) {
                // a flapping signal's flips are counted, not written: they would drown the timeline
                Timeline.add(incident, at, "signal", name + " on " + service
                        + (signal.getStatus() == SignalStatus.RESOLVED ? " resolved" : " firing again"), Timeline.ACTOR, evidence(signal));
            }
            firingAgain = statusChanged && signal.getStatus() == SignalStatus.FIRING && !(known.getFlapping() || flapping);
            flappingNow = known.getFlapping() || flapping;
            signals.set(index, updated.build());
        }
        incident.setSignals(signals);
        if (!incident.getServices().contains(service)) {
            List<String> services = new ArrayList<>(incident.getServices());
            services.add(service);
            incident.setServices(services);
        }
        Notice notice = Notice.NONE;
        // escalation only: a lower-severity signal never lowers the incident, so never un-pages (DESIGN §7)
        if (signal.getStatus() == SignalStatus.FIRING && !flappingNow && Severities.higher(signal.getSeverity(), incident.getSeverity())) {
            Timeline.add(incident, at, "escalation", "severity " + incident.getSeverity() + " -> " + signal.getSeverity()
                    + " by " + name + " on " + service);
            incident.setSeverity(signal.getSeverity());
            notice = Notice.UPDATE;
        }
        if (firingAgain && !StageMachine.active(incident) && incident.getStage() != Stage.POSTMORTEM_PUBLISHED) {
            StageMachine.reopen(incident, at, "reopened: " + name + " firing on " + service, evidence(signal));
            notice = Notice.UPDATE;
        }
        if (signal.getStatus() == SignalStatus.RESOLVED && allResolved(signals)) {
            Timeline.add(incident, at, "signal", "all " + signals.size() + " signals resolved; recovery pending");
        }
        return Optional.of(new Applied(incident, notice));
    }

    public static boolean allResolved(List<SignalRef> signals) {
        return signals.stream().allMatch(s -> s.getStatus() == SignalStatus.RESOLVED);
    }

    /** The time of the incident's last signal activity, for the graph-join window. */
    public static Instant lastSignalAt(Incident incident) {
        return incident.getSignals().stream().map(SignalRef::getLastSeen).max(Instant::compareTo).orElse(incident.getOpenedAt());
    }

    /** Marks an incident closed when it leaves the correlation state (see the retention sweep). */
    public Incident close(Incident incident, Instant at, String cause) {
        Incident closed = Incident.newBuilder(incident).setClosed(true).setUpdatedAt(at).setVersion(incident.getVersion() + 1).build();
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

    private static int indexOf(List<SignalRef> signals, String fingerprint) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).getFingerprint().equals(fingerprint)) {
                return i;
            }
        }
        return -1;
    }

    /** When the problem was first seen: the alert's own start, unless that is missing or in our future. */
    private static Instant detectedAt(Signal signal, Instant at) {
        Instant startsAt = signal.getStartsAt();
        return startsAt == null || startsAt.toEpochMilli() <= 0 || startsAt.isAfter(at) ? at : startsAt;
    }
}

package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds signals into incidents (DESIGN §6.1–6.2), plain Java so every rule is testable without Kafka.
 * Idempotent by fingerprint: a signal that changes nothing visible returns empty, so a re-delivered or
 * re-sent alert never produces a new incident version, timeline entry or page.
 */
public final class Correlator {

    /** Opens an incident for the first signal of a group: SIGNAL_DETECTED, then ALERT_FIRED. */
    public Incident open(String id, GroupKey group, Signal signal, Instant at) {
        Instant detected = detectedAt(signal, at);
        String name = SignalRefs.name(signal);
        List<TimelineEntry> timeline = List.of(
                Timeline.transition(detected.toEpochMilli(), Stage.SIGNAL_DETECTED,
                        name + " firing on " + signal.getService() + " (fingerprint " + signal.getFingerprint() + ")"),
                Timeline.transition(at.toEpochMilli(), Stage.ALERT_FIRED,
                        "opened for " + group + " at severity " + signal.getSeverity()));
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
                .setSignals(List.of(SignalRefs.first(signal, at)))
                .setTimeline(timeline)
                .setPagedReceivers(List.of())
                .setFirstSignalAt(detected)
                .setAlertFiredAt(at)
                .build();
    }

    /**
     * Applies a signal of the incident's group. Empty when nothing visible changed: a repeat of a firing
     * alert, a second "resolved" for the same alert, a "resolved" for an alert the incident never saw.
     */
    public Optional<Incident> apply(Incident incident, Signal signal, Instant at) {
        List<SignalRef> signals = new ArrayList<>(incident.getSignals());
        int index = indexOf(signals, signal.getFingerprint());
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        String name = SignalRefs.name(signal);
        String service = signal.getService();
        if (index < 0) {
            if (signal.getStatus() == SignalStatus.RESOLVED) {
                return Optional.empty();
            }
            signals.add(SignalRefs.first(signal, at));
            timeline.add(Timeline.entry(at.toEpochMilli(), null, "signal",
                    name + " firing on " + service + " joined (fingerprint " + signal.getFingerprint() + ")"));
        } else {
            SignalRef known = signals.get(index);
            boolean statusChanged = known.getStatus() != signal.getStatus();
            boolean severityRose = Severities.higher(signal.getSeverity(), known.getSeverity());
            if (!statusChanged && !severityRose) {
                return Optional.empty();
            }
            SignalRef.Builder updated = SignalRef.newBuilder(known)
                    .setLastSeen(at)
                    .setCount(known.getCount() + 1)
                    .setSeverity(Severities.max(known.getSeverity(), signal.getSeverity()));
            if (statusChanged) {
                updated.setStatus(signal.getStatus()).setFlips(known.getFlips() + 1);
                timeline.add(Timeline.entry(at.toEpochMilli(), null, "signal", name + " on " + service
                        + (signal.getStatus() == SignalStatus.RESOLVED ? " resolved" : " firing again")
                        + " (fingerprint " + signal.getFingerprint() + ")"));
            }
            signals.set(index, updated.build());
        }

        Incident.Builder next = Incident.newBuilder(incident)
                .setSignals(signals)
                .setUpdatedAt(at)
                .setVersion(incident.getVersion() + 1);
        if (!incident.getServices().contains(service)) {
            List<String> services = new ArrayList<>(incident.getServices());
            services.add(service);
            next.setServices(services);
        }
        // escalation only: a lower-severity signal never lowers the incident, so never un-pages (DESIGN §7)
        if (signal.getStatus() == SignalStatus.FIRING && Severities.higher(signal.getSeverity(), incident.getSeverity())) {
            next.setSeverity(signal.getSeverity());
            timeline.add(Timeline.entry(at.toEpochMilli(), null, "escalation",
                    "severity " + incident.getSeverity() + " -> " + signal.getSeverity() + " by " + name + " on " + service));
        }
        if (signal.getStatus() == SignalStatus.RESOLVED && allResolved(signals)) {
            // Recovery (RECOVERED, DESIGN §5) also needs the burn rate back under threshold or a person's
            // confirmation: that is the lifecycle's call, here we only record the fact.
            timeline.add(Timeline.entry(at.toEpochMilli(), null, "signal",
                    "all " + signals.size() + " signals resolved; recovery pending"));
        }
        return Optional.of(next.setTimeline(timeline).build());
    }

    public static boolean allResolved(List<SignalRef> signals) {
        return signals.stream().allMatch(s -> s.getStatus() == SignalStatus.RESOLVED);
    }

    /** Marks an incident closed when it leaves the correlation state (see the retention punctuator). */
    public Incident close(Incident incident, Instant at, String cause) {
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(Timeline.entry(at.toEpochMilli(), null, "note", cause));
        return Incident.newBuilder(incident)
                .setClosed(true)
                .setUpdatedAt(at)
                .setVersion(incident.getVersion() + 1)
                .setTimeline(timeline)
                .build();
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

package io.firebreak.streams.correlation;

import io.firebreak.events.Incident;
import io.firebreak.events.SignalGroup;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.streams.state.Records;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the incident record says about its signals, kept bounded whatever their number: firing and resolved totals,
 * counts per (alertName, service, status), the time of the last signal and a sample of {@link IncidentLimits#SAMPLE}
 * signals (firing first, then by severity, newest first). Each signal in full is the {@link IncidentState}'s and
 * {@code firebreak.incident-signals.v1}'s. Every method works on the incident in place, in time independent of
 * how many signals the incident has.
 */
public final class SignalTally {

    static final String OTHER = "(other)";

    /** Firing before resolved, then the most severe, then the most recently seen; the fingerprint breaks ties. */
    static final Comparator<SignalRef> SAMPLE_ORDER = Comparator
            .comparingInt((SignalRef s) -> s.getStatus() == SignalStatus.FIRING ? 0 : 1)
            .thenComparing(SignalRef::getSeverity, Comparator.reverseOrder())
            .thenComparing(SignalRef::getLastSeen, Comparator.reverseOrder())
            .thenComparing(SignalRef::getFingerprint);

    private SignalTally() {
    }

    /** Counts a signal the incident had not seen. */
    public static void added(Incident incident, SignalRef signal) {
        count(incident, signal.getStatus(), 1);
        group(incident, signal, signal.getStatus(), 1);
        seen(incident, signal);
    }

    /** Counts a known signal's change ({@code before} → {@code after}, same fingerprint). */
    public static void changed(Incident incident, SignalRef before, SignalRef after) {
        if (before.getStatus() != after.getStatus()) {
            count(incident, before.getStatus(), -1);
            count(incident, after.getStatus(), 1);
            group(incident, before, before.getStatus(), -1);
            group(incident, after, after.getStatus(), 1);
        } else {
            group(incident, after, after.getStatus(), 0);
        }
        seen(incident, after);
    }

    public static int total(Incident incident) {
        return incident.getFiringSignals() + incident.getResolvedSignals();
    }

    /** Every signal the incident has is resolved (and it has at least one). */
    public static boolean allResolved(Incident incident) {
        return incident.getFiringSignals() == 0 && total(incident) > 0;
    }

    public static Instant lastSignalAt(Incident incident) {
        return Optional.ofNullable(incident.getLastSignalAt()).orElse(incident.getOpenedAt());
    }

    /**
     * The incident as this class expects it. Records written before the incident was bounded carry every signal in
     * {@code signals} and no counts: the counts, groups, origin and last-signal time are derived from that list once.
     */
    public static Incident normalized(Incident incident) {
        if (total(incident) > 0 || incident.getSignals().isEmpty()) {
            return incident;
        }
        Incident upgraded = Records.copy(incident);
        upgraded.setSignals(List.of());
        if (upgraded.getOrigin() == null) {
            upgraded.setOrigin(incident.getSignals().get(0));
        }
        for (SignalRef signal : incident.getSignals()) {
            added(upgraded, signal);
        }
        return upgraded;
    }

    /** The sampled copy of a signal: its labels and summary cut to fit the record's budget. */
    static SignalRef sampled(SignalRef signal) {
        return sampled(signal, IncidentLimits.LABEL_BYTES);
    }

    /** As {@link #sampled(SignalRef)} with a label budget of its own (the origin's labels are routed on). */
    static SignalRef sampled(SignalRef signal, int labelBytes) {
        SignalRef sampled = Records.copy(signal);
        sampled.setSummary(IncidentLimits.clip(signal.getSummary(), IncidentLimits.SAMPLE_TEXT));
        sampled.setAlertName(IncidentLimits.clip(signal.getAlertName(), IncidentLimits.SAMPLE_TEXT));
        sampled.setLabels(fits(signal.getLabels(), labelBytes) ? signal.getLabels() : clipped(signal.getLabels(), labelBytes));
        return sampled;
    }

    /** Labels that need no cutting: the usual case, and in a storm a sampled copy per signal, so no sorted copy then. */
    private static boolean fits(Map<String, String> labels, int labelBytes) {
        int size = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (label.getValue().length() > IncidentLimits.TEXT) {
                return false;
            }
            size += label.getKey().length() + label.getValue().length();
        }
        return size <= labelBytes;
    }

    /** In name order, as many labels as fit the budget, each value clipped: the same labels whatever order they came in. */
    private static Map<String, String> clipped(Map<String, String> all, int labelBytes) {
        Map<String, String> labels = new LinkedHashMap<>();
        int budget = labelBytes;
        for (Map.Entry<String, String> label : new TreeMap<>(all).entrySet()) {
            String value = IncidentLimits.clip(label.getValue(), IncidentLimits.TEXT);
            int size = label.getKey().length() + value.length();
            if (size > budget) {
                break;
            }
            labels.put(label.getKey(), value);
            budget -= size;
        }
        return labels;
    }

    private static void count(Incident incident, SignalStatus status, int delta) {
        if (status == SignalStatus.FIRING) {
            incident.setFiringSignals(Math.max(0, incident.getFiringSignals() + delta));
        } else {
            incident.setResolvedSignals(Math.max(0, incident.getResolvedSignals() + delta));
        }
    }

    private static void seen(Incident incident, SignalRef signal) {
        if (incident.getLastSignalAt() == null || signal.getLastSeen().isAfter(incident.getLastSignalAt())) {
            incident.setLastSignalAt(signal.getLastSeen());
        }
        sample(incident, signal);
    }

    /**
     * Puts the signal's latest state into the sample when it ranks among the first {@link IncidentLimits#SAMPLE}. The
     * sample is kept in {@link #SAMPLE_ORDER}, so the signal is inserted where it ranks (once per signal of a storm: no
     * sort, and no sampled copy of a signal that ranks after a full sample).
     */
    private static void sample(Incident incident, SignalRef signal) {
        List<SignalRef> kept = incident.getSignals();
        List<SignalRef> sample = new ArrayList<>(kept.size() + 1);
        boolean placed = false;
        boolean dropped = false;
        for (SignalRef entry : kept) {
            if (entry.getFingerprint().equals(signal.getFingerprint())) {
                dropped = true;
                continue;
            }
            if (!placed && SAMPLE_ORDER.compare(signal, entry) < 0) {
                sample.add(sampled(signal));
                placed = true;
            }
            sample.add(entry);
        }
        if (!placed) {
            if (sample.size() >= IncidentLimits.SAMPLE && !dropped) {
                return; // ranks after a full sample it was not in: the sample stays as it is
            }
            if (sample.size() < IncidentLimits.SAMPLE) {
                sample.add(sampled(signal));
            }
        }
        incident.setSignals(sample.size() > IncidentLimits.SAMPLE ? List.copyOf(sample.subList(0, IncidentLimits.SAMPLE)) : sample);
    }

    /** Adds {@code delta} to the signal's (alertName, service, status) counter, folding overflow into "(other)". */
    private static void group(Incident incident, SignalRef signal, SignalStatus status, int delta) {
        String alertName = IncidentLimits.clip(Objects.requireNonNullElse(signal.getAlertName(), ""), IncidentLimits.GROUP_TEXT);
        String service = IncidentLimits.clip(signal.getService(), IncidentLimits.GROUP_TEXT);
        List<SignalGroup> groups = new ArrayList<>(incident.getSignalGroups());
        int index = indexOf(groups, alertName, service, status);
        if (index < 0 && delta <= 0) {
            index = indexOf(groups, OTHER, OTHER, status);
            if (index < 0) {
                return;
            }
        }
        if (index < 0) {
            if (groups.size() >= IncidentLimits.GROUPS) {
                alertName = OTHER;
                service = OTHER;
                index = indexOf(groups, OTHER, OTHER, status);
            }
            if (index < 0) {
                groups.add(new SignalGroup(alertName, service, status, 0, signal.getLastSeen(), signal.getLastSeen()));
                index = groups.size() - 1;
            }
        }
        SignalGroup current = groups.get(index);
        int count = current.getCount() + delta;
        if (count <= 0 && delta < 0) {
            groups.remove(index);
        } else {
            groups.set(index, new SignalGroup(current.getAlertName(), current.getService(), current.getStatus(), count,
                    current.getFirstSeen(), signal.getLastSeen().isAfter(current.getLastSeen()) ? signal.getLastSeen() : current.getLastSeen()));
        }
        incident.setSignalGroups(groups);
    }

    private static int indexOf(List<SignalGroup> groups, String alertName, String service, SignalStatus status) {
        for (int i = 0; i < groups.size(); i++) {
            SignalGroup group = groups.get(i);
            if (group.getStatus() == status && group.getAlertName().equals(alertName) && group.getService().equals(service)) {
                return i;
            }
        }
        return -1;
    }
}

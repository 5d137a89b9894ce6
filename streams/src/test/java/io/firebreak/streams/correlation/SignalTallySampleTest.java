package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.IncidentLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The incident's sample of signals is kept by inserting each signal where it ranks; it must be exactly what sorting
 * the sample with the signal's new state and cutting it to {@link IncidentLimits#SAMPLE} gives, for any sequence of
 * new and changed signals (a storm, flips, severity rises, late and out-of-order timestamps).
 */
class SignalTallySampleTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");

    /** One signal arriving: which of a few dozen fingerprints, its status and severity, and when. */
    record Arrival(int fingerprint, SignalStatus status, Severity severity, int second) {
    }

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        Arbitrary<Arrival> arrival = Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(SignalStatus.class),
                Arbitraries.of(Severity.class), Arbitraries.integers().between(0, 600)).as(Arrival::new);
        return arrival.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 300)
    void theSampleIsTheSortedCutOfEveryUpdate(@ForAll("arrivals") @Size(min = 1) List<Arrival> arrivals) {
        Incident incident = Incident.newBuilder().setId("c.20261128.0001").setCluster("c").setGroupKey("g").setTitle("t")
                .setSeverity(Severity.LOW).setStage(io.firebreak.events.Stage.ALERT_FIRED).setServices(List.of("svc"))
                .setOpenedAt(T0).setUpdatedAt(T0).setClosed(false).setReopens(0).setVersion(1).setSignals(List.of())
                .setTimeline(List.of()).setPagedReceivers(List.of()).build();
        Map<String, SignalRef> latest = new HashMap<>();
        List<SignalRef> expected = new ArrayList<>();

        for (Arrival arrival : arrivals) {
            SignalRef now = ref(arrival);
            SignalRef before = latest.put(now.getFingerprint(), now);
            if (before == null) {
                SignalTally.added(incident, now);
            } else {
                SignalTally.changed(incident, before, now);
            }
            expected.removeIf(kept -> kept.getFingerprint().equals(now.getFingerprint()));
            expected.add(SignalTally.sampled(now));
            expected.sort(SignalTally.SAMPLE_ORDER);
            if (expected.size() > IncidentLimits.SAMPLE) {
                expected = new ArrayList<>(expected.subList(0, IncidentLimits.SAMPLE));
            }

            assertThat(incident.getSignals()).isEqualTo(expected);
        }
    }

    /**
     * A sampled signal's labels: all of them when they fit the budget, else the labels in name order up to the budget
     * with each value clipped — whatever order the map iterates in, and the same as a sorted cut of every label.
     */
    @Property(tries = 500)
    void aSampledSignalKeepsItsLabelsWhenTheyFitAndANameOrderedCutWhenNot(
            @ForAll("labels") Map<String, String> labels, @ForAll("budgets") int budget) {
        SignalRef signal = SignalRef.newBuilder().setFingerprint("fp").setSource(SignalSource.ALERTMANAGER).setService("svc")
                .setAlertName("PodCrashLooping").setStatus(SignalStatus.FIRING).setSeverity(Severity.HIGH).setFirstSeen(T0)
                .setLastSeen(T0).setLabels(labels).build();

        Map<String, String> expected = new HashMap<>();
        int left = budget;
        for (Map.Entry<String, String> label : new java.util.TreeMap<>(labels).entrySet()) {
            String value = IncidentLimits.clip(label.getValue(), IncidentLimits.TEXT);
            if (label.getKey().length() + value.length() > left) {
                break;
            }
            expected.put(label.getKey(), value);
            left -= label.getKey().length() + value.length();
        }
        assertThat(SignalTally.sampled(signal, budget).getLabels()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().ascii().ofMaxLength(IncidentLimits.TEXT + 200)).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> budgets() {
        return Arbitraries.of(IncidentLimits.LABEL_BYTES, 4 * IncidentLimits.LABEL_BYTES, 64);
    }

    private static SignalRef ref(Arrival arrival) {
        Instant at = T0.plusSeconds(arrival.second());
        return SignalRef.newBuilder().setFingerprint("fp" + arrival.fingerprint()).setSource(SignalSource.ALERTMANAGER).setService("svc")
                .setAlertName("PodCrashLooping").setStatus(arrival.status()).setSeverity(arrival.severity()).setFirstSeen(at)
                .setLastSeen(at).setLabels(Map.of("pod", "pod-" + arrival.fingerprint(), "namespace", "trading")).build();
    }
}

package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A signal's dedup entry is also its state in the incident it names (one store write per signal): what an incident
 * knows of a signal must come out the same as when it kept its own copy.
 */
class SignalEntryTest {

    private static final CorrelationSettingsBuilder ONE_HOUR = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO)
            .retention(Duration.ofHours(1), Duration.ofMinutes(1));

    @Test
    void aResolveNoIncidentTookIsStillRememberedSoItsResendIsARepeat() {
        Signal resolved = Signals.resolved(Signals.critical("5d0c9a7e11b2f3c4"));
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(resolved).send(resolved, T0.plusSeconds(60));

            assertThat(harness.latest()).isEmpty();
            assertThat(harness.storedSignal("oci-fra-1", "5d0c9a7e11b2f3c4")).hasValueSatisfying(entry -> {
                assertThat(entry.getCount()).isEqualTo(2);
                assertThat(entry.getIncidentId()).isNull();
            });
        }
    }

    @Test
    void aSignalResolvedLongerAgoThanTheRetentionThatFiresAgainIsAFlipInItsStillOpenIncident() {
        Signal steady = Signals.critical("8c1f4b2a9d7e6f01");
        Signal flaky = Signals.critical("3e77a0c4d1b95f2a");
        try (TopologyHarness harness = new TopologyHarness(ONE_HOUR)) {
            harness.send(steady).send(flaky, T0.plusSeconds(1)).send(Signals.resolved(flaky), T0.plusSeconds(600));
            // the steady alert's resends keep its incident open and move stream time past the flaky one's retention
            harness.send(steady, T0.plus(Duration.ofHours(3)));
            assertThat(harness.storedSignal("oci-fra-1", "3e77a0c4d1b95f2a")).as("kept while its incident is open").isPresent();

            Instant again = T0.plus(Duration.ofHours(3)).plusSeconds(1);
            harness.send(Signal.newBuilder(flaky).setStartsAt(again).build(), again);

            assertThat(harness.latest()).hasSize(1);
            Incident incident = harness.only();
            assertThat(incident.getFiringSignals()).isEqualTo(2);
            assertThat(incident.getResolvedSignals()).isZero();
            assertThat(harness.incidentSignals().get(incident.getId() + "|3e77a0c4d1b95f2a").getSignal().getFlips()).isEqualTo(2);
        }
    }

    @Test
    void aSignalOfAnIncidentThatLeftTheStateIsNewToTheNextIncidentOfItsGroup() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        // no sweep within the test: the signal's entry still names the incident that left
        CorrelationSettingsBuilder settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO)
                .retention(Duration.ofHours(1), Duration.ofHours(6));
        try (TopologyHarness harness = new TopologyHarness(settings)) {
            harness.send(firing).send(Signals.resolved(firing), T0.plusSeconds(600));
            // the group's next alert finds its incident past the retention: it leaves, a new one opens
            harness.send(Signals.critical("other-fp"), T0.plus(Duration.ofHours(2)).minusSeconds(5));
            assertThat(harness.storedSignal("oci-fra-1", "8c1f4b2a9d7e6f01").map(SignalRef::getIncidentId))
                    .hasValue("oci-fra-1.20261128.0001");
            Instant again = T0.plus(Duration.ofHours(2));
            harness.send(Signal.newBuilder(firing).setStartsAt(again).build(), again);

            Incident next = harness.latest().get("oci-fra-1.20261128.0002");
            assertThat(next.getFiringSignals()).isEqualTo(2);
            assertThat(next.getResolvedSignals()).isZero();
            // new to this incident: none of its flips in the one before count here
            assertThat(harness.incidentSignals().get(next.getId() + "|8c1f4b2a9d7e6f01").getSignal().getFlips()).isZero();
            assertThat(harness.storedSignal("oci-fra-1", "8c1f4b2a9d7e6f01").map(SignalRef::getIncidentId))
                    .hasValue("oci-fra-1.20261128.0002");
        }
    }

    /**
     * Upgraded from a version that kept each signal's state in an incident-signals store: that state still counts, also
     * for a signal the incident's sample no longer holds.
     */
    @Test
    void aSignalWhoseStateAnEarlierVersionKeptIsStillKnownToItsIncident() {
        Signal steady = Signals.critical("8c1f4b2a9d7e6f01");
        Signal old = Signals.critical("3e77a0c4d1b95f2a");
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(steady).send(old, T0.plusSeconds(1));
            for (int i = 0; i < 25; i++) { // newer signals push the old one out of the sample
                harness.send(Signals.critical("newer-" + i), T0.plusSeconds(2 + i));
            }
            String incidentId = harness.only().getId();
            assertThat(harness.only().getSignals()).noneMatch(s -> s.getFingerprint().equals("3e77a0c4d1b95f2a"));
            // what the earlier version left: an entry naming no incident, the signal's state in its own store
            SignalRef entry = harness.storedSignal("oci-fra-1", "3e77a0c4d1b95f2a").orElseThrow();
            entry.setIncidentId(null);
            harness.dedupStore().put("oci-fra-1|3e77a0c4d1b95f2a", entry);
            harness.earlierSignalStore().put(incidentId + "|3e77a0c4d1b95f2a", SignalRef.newBuilder(entry).setEpisodeStartsAt(null).build());
            harness.send(steady, T0.plusSeconds(300)); // a repeat: stream time moves on, the retention sweep runs

            harness.send(Signals.resolved(old), T0.plusSeconds(600));

            Incident incident = harness.only();
            assertThat(incident.getFiringSignals()).isEqualTo(26);
            assertThat(incident.getResolvedSignals()).isEqualTo(1);
            assertThat(harness.storedSignal("oci-fra-1", "3e77a0c4d1b95f2a").map(SignalRef::getIncidentId)).hasValue(incidentId);
            assertThat(harness.incidentSignals().get(incidentId + "|3e77a0c4d1b95f2a").getSignal().getStatus())
                    .isEqualTo(SignalStatus.RESOLVED);
        }
    }
}

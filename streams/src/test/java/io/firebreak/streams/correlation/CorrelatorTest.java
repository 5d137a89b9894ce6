package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

    @org.junit.jupiter.api.BeforeAll
    static void trustEventClasses() {
        // built without a topic or serde, so nothing else has told Avro to trust the generated classes yet
        io.firebreak.schemas.TrustedPackages.trustEvents();
    }

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");
    private final Correlator correlator = new Correlator();

    private static Signal signal(String fingerprint, Severity severity, SignalStatus status) {
        return Signal.newBuilder().setId("s-" + fingerprint).setFingerprint(fingerprint).setSource(SignalSource.ALERTMANAGER)
                .setStatus(status).setSeverity(severity).setCluster("oci-fra-1").setService("trade-engine")
                .setAlertName("TradeEngineHighLatency").setLabels(Map.of()).setAnnotations(Map.of())
                .setStartsAt(T0).setReceivedAt(T0).build();
    }

    /** Applies a signal to a small incident, its last state looked up in the incident's sample (no signal store here). */
    private java.util.Optional<Correlator.Applied> apply(Incident current, Signal signal, boolean flapping,
                                                          java.util.Optional<String> via, Instant at) {
        java.util.Optional<io.firebreak.events.SignalRef> known = current.getSignals().stream()
                .filter(s -> s.getFingerprint().equals(signal.getFingerprint())).findFirst();
        return correlator.apply(current, known, signal, flapping, via, at);
    }

    private Incident opened() {
        Signal first = signal("f1", Severity.HIGH, SignalStatus.FIRING);
        return correlator.open("oci-fra-1.20261128.0001", GroupKey.of(first, List.of("cluster", "service")), first, false, T0);
    }

    @Test
    void applyingTheSameFiringSignalAgainChangesNothing() {
        assertThat(apply(opened(), signal("f1", Severity.HIGH, SignalStatus.FIRING), false, java.util.Optional.empty(), T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void resolvedForAnUnknownAlertChangesNothing() {
        assertThat(apply(opened(), signal("never-seen", Severity.HIGH, SignalStatus.RESOLVED), false, java.util.Optional.empty(), T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void lowerSeveritySignalJoinsWithoutLoweringTheIncident() {
        Incident joined = apply(opened(), signal("f2", Severity.LOW, SignalStatus.FIRING), false, java.util.Optional.empty(), T0.plusSeconds(60)).orElseThrow().incident();

        assertThat(joined.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(joined.getSignals()).hasSize(2);
        assertThat(joined.getVersion()).isEqualTo(1); // the caller stamps the version
    }

    @Test
    void sameAlertWithHigherSeverityEscalates() {
        Incident escalated = apply(opened(), signal("f1", Severity.CRITICAL, SignalStatus.FIRING), false, java.util.Optional.empty(), T0.plusSeconds(60)).orElseThrow().incident();

        assertThat(escalated.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalated.getTimeline()).last().satisfies(e -> assertThat(e.getKind()).isEqualTo("escalation"));
    }
}

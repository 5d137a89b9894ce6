package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.TimelineEntry;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.streams.lifecycle.Commands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident record stays under {@link IncidentLimits#RECORD_BYTES} whatever arrives: the storms and floods of issue
 * 11 folded in through the same {@link Correlator} and {@link Commands} the topology uses, the store of full signals
 * played by a map, and the record measured as Avro binary.
 */
class IncidentBoundsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");
    private final Correlator correlator = new Correlator();

    @BeforeAll
    static void trustEventClasses() {
        io.firebreak.schemas.TrustedPackages.trustEvents();
    }

    /** Folds signals in as the topology does: the last state of each fingerprint kept aside, the incident bounded. */
    private final class Storm {
        final Map<String, SignalRef> store = new HashMap<>();
        Incident incident;

        Storm(Signal first) {
            incident = correlator.open("oci-fra-1.20261128.0001", GroupKey.of(first, List.of("cluster", "service")), first, false, T0);
            store.put(first.getFingerprint(), incident.getOrigin());
        }

        void apply(Signal signal, Instant at) {
            Optional<Correlator.Applied> applied = correlator.apply(incident, Optional.ofNullable(store.get(signal.getFingerprint())),
                    signal, false, Optional.empty(), at);
            applied.ifPresent(a -> {
                incident = a.incident();
                store.put(a.signal().getFingerprint(), a.signal());
            });
        }
    }

    private static Signal pod(int i, SignalStatus status, int labelBytes) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("pod", "trade-engine-" + i);
        labels.put("namespace", "trading");
        labels.put("blob", "x".repeat(labelBytes));
        return Signal.newBuilder().setId("s-" + i + status).setFingerprint(String.format("fp-%06d", i)).setSource(SignalSource.ALERTMANAGER)
                .setStatus(status).setSeverity(i % 7 == 0 ? Severity.CRITICAL : Severity.HIGH).setCluster("oci-fra-1")
                .setService(i % 500 == 0 ? "svc-" + i : "trade-engine").setAlertName(i % 3 == 0 ? "PodCrashLooping" : "PodOOMKilled")
                .setSummary("pod trade-engine-" + i + " restarting " + "y".repeat(2000)).setLabels(labels).setAnnotations(Map.of())
                .setStartsAt(T0).setReceivedAt(T0).build();
    }

    @Test
    void fiftyThousandDistinctSignalsKeepOneBoundedRecordWithExactCounts() {
        Storm storm = new Storm(pod(0, SignalStatus.FIRING, 5000));
        for (int i = 1; i < 50_000; i++) {
            storm.apply(pod(i, SignalStatus.FIRING, 5000), T0.plusMillis(i * 10L));
        }
        for (int i = 0; i < 20_000; i++) {
            storm.apply(pod(i, SignalStatus.RESOLVED, 5000), T0.plusSeconds(600).plusMillis(i));
        }
        Incident incident = storm.incident;

        assertThat(serializedSize(incident)).isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(incident.getFiringSignals()).isEqualTo(30_000);
        assertThat(incident.getResolvedSignals()).isEqualTo(20_000);
        assertThat(incident.getSignals()).hasSize(IncidentLimits.SAMPLE)
                .allMatch(s -> s.getStatus() == SignalStatus.FIRING && s.getSeverity() == Severity.CRITICAL);
        assertThat(incident.getSignalGroups().stream().mapToInt(g -> g.getCount()).sum()).isEqualTo(50_000);
        assertThat(incident.getServices()).hasSizeLessThanOrEqualTo(IncidentLimits.SERVICES);
        assertThat(incident.getOrigin().getFingerprint()).isEqualTo("fp-000000");
        assertThat(storm.store).hasSize(50_000);
        // the storm is summed up, not written out: a handful of entries say how many joined and resolved, and when
        assertThat(incident.getTimeline()).hasSizeLessThan(40);
        assertThat(incident.getTimeline()).extracting(TimelineEntry::getCause)
                .anyMatch(cause -> cause.matches("49,9\\d\\d more signals joined 09:12:03–09:2\\d:\\d\\d"))
                .anyMatch(cause -> cause.startsWith("20,000 signals resolved"));
    }

    @Test
    void aThousandLargestNotesKeepTheRecordBoundedAndTheNewestNotes() {
        Storm storm = new Storm(pod(0, SignalStatus.FIRING, 100));
        Incident incident = storm.incident;
        for (int i = 0; i < 1_000; i++) {
            LifecycleCommand note = command("note-" + i, LifecycleAction.NOTE, "note " + i + " " + "z".repeat(IncidentLimits.NOTE_BYTES));
            Commands.apply(incident, note, T0.plusSeconds(i));
        }

        assertThat(serializedSize(incident)).isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(incident.getTimeline()).extracting(TimelineEntry::getCause).last().asString().startsWith("note 999 ");
        assertThat(incident.getTimelineOmitted()).isGreaterThan(900);
        // the stage transitions survive the notes
        assertThat(incident.getTimeline()).filteredOn(e -> e.getStage() != null).hasSize(2);
    }

    @Test
    void tenThousandReplayedAndRejectedCommandsKeepTheRecordBoundedAndIdempotent() {
        Storm storm = new Storm(pod(0, SignalStatus.FIRING, 100));
        Incident incident = storm.incident;
        LifecycleCommand ack = command("ack-1", LifecycleAction.ACK, null);
        assertThat(Commands.apply(incident, ack, T0).outcome()).isEqualTo(Commands.Outcome.APPLIED);
        for (int i = 0; i < 10_000; i++) {
            Commands.apply(incident, ack, T0.plusSeconds(i)); // the same command replayed
            Commands.apply(incident, command("ack-" + (i + 2), LifecycleAction.ACK, null), T0.plusSeconds(i)); // new, rejected
            Commands.apply(incident, command("item-" + i, LifecycleAction.ACTION_ITEM, "fix " + "w".repeat(IncidentLimits.NOTE_BYTES)),
                    T0.plusSeconds(i));
        }

        assertThat(serializedSize(incident)).isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(incident.getActionItems()).hasSize(IncidentLimits.ACTION_ITEMS);
        assertThat(incident.getRecentCommands()).hasSize(IncidentLimits.RECENT_COMMANDS);
        // the last command is remembered: its replay changes nothing
        LifecycleCommand last = command("item-9999", LifecycleAction.ACTION_ITEM, "again");
        assertThat(Commands.apply(incident, last, T0.plusSeconds(20_000)).outcome()).isEqualTo(Commands.Outcome.DUPLICATE);
    }

    private static LifecycleCommand command(String id, LifecycleAction action, String note) {
        return LifecycleCommand.newBuilder().setId(id).setIncidentId("oci-fra-1.20261128.0001").setCluster("oci-fra-1")
                .setAction(action).setActor("alice").setOrigin("api").setNote(note).setAt(T0).build();
    }

    static int serializedSize(Incident incident) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<>(Incident.class).write(incident, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}

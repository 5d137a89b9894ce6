package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.Notification;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalRef;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.CorrelationSettingsBuilder;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every incident version a decision returns is a value from then on: the incidents store hands the same object to
 * the next decision (WriteBackStore), and versions share their lists (shallow copies, {@code Records}), so a rule that
 * changed a list or nested record in place instead of setting a new one would silently rewrite versions already
 * decided — and the next input would see a past it never had. For any sequence of signals, commands, receipts,
 * escalations, recoveries and publications, no decision changes an incident, or a signal state, it was given or
 * returned before.
 */
class DecisionPurityTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");
    private static final String ID = "oci-fra-1.20261128.0001";

    enum Kind { SIGNAL, COMMAND, RECEIPT, ESCALATE, RECOVERED, PUBLISH_HELD, RELEASE_AT_DEADLINE }

    /** One input: what it is, and the choices it needs (which signal, status, severity, action, receipt outcome). */
    record Step(Kind kind, int fingerprint, SignalStatus status, Severity severity, LifecycleAction action, int outcome, boolean held) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 6),
                Arbitraries.of(SignalStatus.class), Arbitraries.of(Severity.class),
                Arbitraries.of(LifecycleAction.ACK, LifecycleAction.MITIGATE, LifecycleAction.CONFIRM_RECOVERY, LifecycleAction.RESOLVE,
                        LifecycleAction.NOTE, LifecycleAction.ACTION_ITEM),
                Arbitraries.integers().between(0, 2), Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void noDecisionChangesAnIncidentOrSignalStateItWasGivenOrReturnedBefore(@ForAll("steps") List<Step> steps,
                                                                           @ForAll boolean waitForEnrichment) {
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults()
                .enrichmentWait(waitForEnrichment ? Duration.ofSeconds(5) : Duration.ZERO).pendingTimeout(Duration.ofSeconds(30)).build();
        IncidentDecider decider = new IncidentDecider(settings, new Router(settings.routes()), NoEvidence.INSTANCE);
        Signal first = signal(0, SignalStatus.FIRING, Severity.CRITICAL);
        Decision opened = decider.open(ID, GroupKey.of(first, List.of("cluster", "service")), first, false, Optional.empty(), T0);

        List<Incident> versions = new ArrayList<>(List.of(opened.incident()));
        List<String> snapshots = new ArrayList<>(List.of(opened.incident().toString()));
        Map<String, SignalRef> known = new HashMap<>(Map.of(opened.signal().orElseThrow().getFingerprint(), opened.signal().orElseThrow()));
        Map<String, String> knownSnapshots = new HashMap<>();
        known.forEach((fingerprint, state) -> knownSnapshots.put(fingerprint, state.toString()));
        Incident current = opened.incident();
        List<Notification> lastNotifications = opened.notifications();

        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Instant at = T0.plusSeconds(10L * (i + 1));
            Optional<Decision> decision = decide(decider, current, step, known, lastNotifications, i, at);
            if (decision.isPresent()) {
                current = decision.get().incident();
                lastNotifications = decision.get().notifications().isEmpty() ? lastNotifications : decision.get().notifications();
                versions.add(current);
                snapshots.add(current.toString());
                decision.get().signal().ifPresent(state -> {
                    known.put(state.getFingerprint(), state);
                    knownSnapshots.put(state.getFingerprint(), state.toString());
                });
            }
            for (int v = 0; v < versions.size(); v++) {
                assertThat(versions.get(v).toString()).as("version %d after step %d (%s)", v, i, step).isEqualTo(snapshots.get(v));
            }
            known.forEach((fingerprint, state) -> assertThat(state.toString()).as("state of %s after step %s", fingerprint, step)
                    .isEqualTo(knownSnapshots.get(fingerprint)));
        }
    }

    private static Optional<Decision> decide(IncidentDecider decider, Incident current, Step step, Map<String, SignalRef> known,
                                             List<Notification> lastNotifications, int index, Instant at) {
        return switch (step.kind()) {
            case SIGNAL -> {
                Signal signal = signal(step.fingerprint(), step.status(), step.severity());
                yield decider.signal(current, Optional.ofNullable(known.get(signal.getFingerprint())), signal, false, Optional.empty(),
                        Optional.empty(), step.held(), at);
            }
            case COMMAND -> decider.command(current, LifecycleCommand.newBuilder().setId("cmd-" + index).setIncidentId(ID)
                    .setCluster("oci-fra-1").setAction(step.action()).setActor("dana").setOrigin("api").setNote("looking at it")
                    .setOwner(step.action() == LifecycleAction.ACTION_ITEM ? "dana" : null).setAt(at).build(), at);
            case RECEIPT -> lastNotifications.isEmpty() ? Optional.empty()
                    : decider.receipt(current, receipt(lastNotifications.get(step.fingerprint() % lastNotifications.size()), step.outcome(), at));
            case ESCALATE -> decider.escalate(current, at);
            case RECOVERED -> Optional.of(decider.recovered(current, at));
            case PUBLISH_HELD -> Optional.of(decider.publishHeld(current, step.held() ? Notice.UPDATE : Notice.NONE, at));
            case RELEASE_AT_DEADLINE -> Optional.of(decider.releaseAtDeadline(current, at));
        };
    }

    private static DeliveryReceipt receipt(Notification notification, int outcome, Instant at) {
        String[] outcomes = {"delivered", "retrying", "dead_lettered"};
        return DeliveryReceipt.newBuilder().setNotificationId(notification.getId()).setIncidentId(notification.getIncidentId())
                .setChannel(notification.getChannel()).setReceiver(notification.getReceiver()).setKind(notification.getKind())
                .setOutcome(outcomes[outcome]).setHttpStatus(outcome == 0 ? 202 : 503).setRef(outcome == 0 ? ID : null)
                .setAttempts(outcome + 1).setError(outcome == 0 ? null : "HTTP 503").setAt(at)
                .setNextAttemptAt(outcome == 1 ? at.plusSeconds(4) : null).build();
    }

    private static Signal signal(int fingerprint, SignalStatus status, Severity severity) {
        return Signal.newBuilder().setId("s-" + fingerprint + status).setFingerprint("f" + fingerprint).setSource(SignalSource.ALERTMANAGER)
                .setStatus(status).setSeverity(severity).setCluster("oci-fra-1").setService(fingerprint % 2 == 0 ? "trade-engine" : "risk-service")
                .setAlertName("TradeEngineHighLatency").setSummary("p99 above 250ms").setLabels(Map.of("pod", "pod-" + fingerprint))
                .setAnnotations(Map.of()).setStartsAt(T0).setReceivedAt(T0).build();
    }
}

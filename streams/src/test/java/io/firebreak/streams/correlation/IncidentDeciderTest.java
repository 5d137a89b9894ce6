package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.maintenance.MaintenanceWindow;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.OpenAfter;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.BurnRate;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.events.MaintenanceHold;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.RcaReport;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.CorrelationSettingsBuilder;
import io.firebreak.streams.graph.ServiceGraph;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.routing.Router;
import io.firebreak.streams.state.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runbook's decisions as plain method calls: no Kafka, no store, no driver — an incident, an input, a time, and
 * the evidence of the cluster as plain values. What the topology does with a decision is tested with TopologyTestDriver.
 */
class IncidentDeciderTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");
    private static final String ID = "oci-fra-1.20261128.0001";

    /** The cluster's evidence, as the stores would answer. */
    private static final class Evidence implements IncidentContext {
        final List<ChangeEvent> changes = new ArrayList<>();
        final List<BurnRate> burn = new ArrayList<>();
        Optional<RcaReport> coroot = Optional.empty();

        @Override
        public ServiceGraph graph(String cluster) {
            return ServiceGraph.of(Map.of("trade-engine", List.of("risk-service")));
        }

        @Override
        public List<ChangeEvent> changesOf(String cluster) {
            return changes;
        }

        @Override
        public Optional<RcaReport> corootReport(Incident incident) {
            return coroot;
        }

        @Override
        public List<BurnRate> burnRates() {
            return burn;
        }
    }

    private final Evidence evidence = new Evidence();

    private IncidentDecider decider(Duration enrichmentWait) {
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().enrichmentWait(enrichmentWait).build();
        return new IncidentDecider(settings, new Router(settings.routes()), evidence);
    }

    private static Signal alert(String fingerprint, Severity severity, SignalStatus status) {
        return Signal.newBuilder().setId("s-" + fingerprint + status).setFingerprint(fingerprint).setSource(SignalSource.ALERTMANAGER)
                .setStatus(status).setSeverity(severity).setCluster("oci-fra-1").setService("trade-engine")
                .setAlertName("TradeEngineHighLatency").setSummary("p99 above 250ms").setLabels(Map.of("severity", severity.name()))
                .setAnnotations(Map.of()).setStartsAt(T0).setReceivedAt(T0).build();
    }

    /** A HIGH alert of a service the trade engine depends on. */
    private static Signal riskAlert(String fingerprint) {
        return Signal.newBuilder(alert(fingerprint, Severity.HIGH, SignalStatus.FIRING)).setService("risk-service").build();
    }

    private static Decision open(IncidentDecider decider, Severity severity) {
        Signal first = alert("f1", severity, SignalStatus.FIRING);
        return decider.open(ID, GroupKey.of(first, List.of("cluster", "service")), first, false, Optional.empty(), T0);
    }

    private static List<String> kinds(Decision decision) {
        return decision.notifications().stream().map(n -> n.getReceiver() + ":" + n.getKind()).toList();
    }

    @Test
    void aCriticalFirstSignalPagesAtOnceWithoutAnEnrichmentWait() {
        Decision opened = open(decider(Duration.ZERO), Severity.CRITICAL);

        assertThat(opened.urgent()).isTrue();
        assertThat(opened.released()).isTrue();
        assertThat(kinds(opened)).containsExactly("pagerduty:TRIGGER", "slack-war-room:TRIGGER", "teams:TRIGGER");
        // decided, not accepted: PAGED / WAR_ROOM_OPEN wait for the receipts (issue 17)
        assertThat(opened.incident().getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
        assertThat(opened.incident().getTriggers()).extracting(t -> t.getReceiver() + ":" + t.getAcceptedAt())
                .containsExactly("pagerduty:null", "slack-war-room:null", "teams:null");
        assertThat(opened.incident().getVersion()).isEqualTo(1);
        assertThat(opened.signal()).hasValueSatisfying(s -> assertThat(s.getFingerprint()).isEqualTo("f1"));
    }

    @Test
    void theFirstNotificationsWaitForEnrichmentThenGoOutAtTheDeadline() {
        IncidentDecider decider = decider(Duration.ofSeconds(5));
        Decision opened = open(decider, Severity.CRITICAL);
        assertThat(opened.notifications()).isEmpty();
        assertThat(opened.released()).isFalse();

        Decision deadline = decider.releaseAtDeadline(opened.incident(), T0.plusSeconds(5));

        assertThat(deadline.released()).isTrue();
        assertThat(kinds(deadline)).contains("pagerduty:TRIGGER");
        assertThat(deadline.incident().getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
        assertThat(deadline.incident().getTriggers()).hasSize(3);
    }

    @Test
    void corootRcaAndBurnAlreadyInReleaseWithoutWaiting() {
        evidence.coroot = Optional.of(RcaReport.newBuilder().setId("rca-1").setCluster("oci-fra-1").setService("trade-engine")
                .setSource("coroot").setSummary("risk-service latency").setCandidates(List.of()).setDependencies(List.of()).setAt(T0).build());
        evidence.burn.add(BurnRate.newBuilder().setSlo("trade_latency").setService("trade-engine").setObjective(0.999).setBudgetRemaining(0.6)
                .setRates(Map.of("5m", 20.0, "1h", 16.0)).setAlert("page").setAt(T0).build());

        Decision opened = open(decider(Duration.ofSeconds(30)), Severity.CRITICAL);

        assertThat(opened.released()).isTrue();
        assertThat(opened.incident().getRcaSource()).isEqualTo("coroot");
        assertThat(opened.incident().getBurn()).isNotEmpty();
    }

    @Test
    void aStormsNextSignalIsRoutineAndARepeatChangesNothing() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident incident = open(decider, Severity.HIGH).incident();

        Decision joined = decider.signal(incident, Optional.empty(), alert("f2", Severity.HIGH, SignalStatus.FIRING), false,
                Optional.empty(), Optional.empty(), false, T0.plusSeconds(1)).orElseThrow();
        assertThat(joined.urgent()).isFalse();
        assertThat(joined.notifications()).isEmpty();
        assertThat(joined.incident().getFiringSignals()).isEqualTo(2);

        assertThat(decider.signal(joined.incident(), joined.signal(), alert("f2", Severity.HIGH, SignalStatus.FIRING), false,
                Optional.empty(), Optional.empty(), false, T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void aStormSignalWhileChangesAreHeldIsOnlyCountedAndThePublicationEnrichesAndRoutesIt() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident paged = open(decider, Severity.HIGH).incident();
        evidence.changes.add(deployment("c1", "trade-engine", ChangeKind.DEPLOYMENT, "v7.2.0", "v7.1.0", T0.plusSeconds(1)));
        Signal next = alert("f2", Severity.HIGH, SignalStatus.FIRING);

        Decision decided = decider.signal(paged, Optional.empty(), next, false, Optional.empty(), Optional.empty(), false,
                T0.plusSeconds(2)).orElseThrow();
        Decision counted = decider.signal(paged, Optional.empty(), next, false, Optional.empty(), Optional.empty(), true,
                T0.plusSeconds(2)).orElseThrow();

        assertThat(decided.incident().getSuspectChanges()).as("not held: enriched at once").hasSize(1);
        assertThat(kinds(decided)).contains("slack:UPDATE");
        assertThat(counted.urgent()).isFalse();
        assertThat(counted.notifications()).isEmpty();
        assertThat(counted.owed()).isEqualTo(Notice.NONE);
        assertThat(counted.signal()).isPresent();
        assertThat(counted.incident().getFiringSignals()).isEqualTo(2);
        assertThat(counted.incident().getVersion()).isEqualTo(paged.getVersion() + 1);
        assertThat(counted.incident().getSuspectChanges()).as("held: not enriched").isEmpty();

        Decision published = decider.publishHeld(counted.incident(), counted.owed(), T0.plusSeconds(4));

        assertThat(published.urgent()).isTrue();
        assertThat(published.incident().getSuspectChanges()).extracting(c -> c.getVersion()).containsExactly("v7.2.0");
        assertThat(published.incident().getFiringSignals()).isEqualTo(2);
        assertThat(kinds(published)).containsExactly("slack:UPDATE", "teams:UPDATE");
    }

    @Test
    void aHeldSignalOfANewServiceIsDecidedAtOnce() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident paged = open(decider, Severity.HIGH).incident();
        Decision joined = decider.signal(paged, Optional.empty(), riskAlert("f2"), false, Optional.empty(), Optional.empty(), true,
                T0.plusSeconds(2)).orElseThrow();

        assertThat(joined.incident().getServices()).containsExactly("trade-engine", "risk-service");
        assertThat(joined.incident().getRootCauses()).extracting(c -> c.getService()).contains("risk-service");
    }

    @Test
    void aHeldSignalThatMeetsARoutesPagingThresholdPagesAtOnce() {
        RouteTable routes = new RouteTable(List.of(
                new Route(List.of(Matcher.parse("service=\"risk-service\"")), List.of(Receiver.PAGERDUTY), true,
                        Optional.of(new OpenAfter(3, Duration.ofMinutes(5))), List.of()),
                new Route(List.of(), List.of(Receiver.SLACK), false)));
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).routes(routes).build();
        IncidentDecider decider = new IncidentDecider(settings, new Router(settings.routes()), evidence);
        Incident opened = open(decider, Severity.HIGH).incident();
        Incident joined = decider.signal(opened, Optional.empty(), riskAlert("f2"), false, Optional.empty(), Optional.empty(), true,
                T0.plusSeconds(2)).orElseThrow().incident();
        assertThat(joined.getPagedReceivers()).containsExactly("slack");

        Decision third = decider.signal(joined, Optional.empty(), riskAlert("f3"), false, Optional.empty(), Optional.empty(), true,
                T0.plusSeconds(3)).orElseThrow();

        assertThat(third.urgent()).isTrue();
        assertThat(kinds(third)).contains("pagerduty:TRIGGER");
    }

    @Test
    void anEscalationToCriticalPagesPagerDutyAtOnceAndTellsTheOthersEvenWhileChangesAreHeld() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident high = open(decider, Severity.HIGH).incident();

        Decision escalated = decider.signal(high, Optional.empty(), alert("f2", Severity.CRITICAL, SignalStatus.FIRING), false,
                Optional.empty(), Optional.empty(), true, T0.plusSeconds(30)).orElseThrow();

        assertThat(escalated.urgent()).isTrue();
        assertThat(kinds(escalated)).contains("pagerduty:TRIGGER", "slack:UPDATE", "teams:UPDATE");
        assertThat(escalated.incident().getSeverity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anAcknowledgementGoesToPagerDutyAtOnceAndItsReplayIsIgnored() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident paged = open(decider, Severity.CRITICAL).incident();
        LifecycleCommand ack = LifecycleCommand.newBuilder().setId("cmd-1").setIncidentId(ID).setCluster("oci-fra-1")
                .setAction(LifecycleAction.ACK).setActor("dana").setOrigin("slack").setAt(T0).build();

        Decision acked = decider.command(paged, ack, T0.plusSeconds(60)).orElseThrow();

        assertThat(acked.urgent()).isTrue();
        assertThat(acked.notifications()).filteredOn(n -> n.getChannel().equals("pagerduty"))
                .extracting(Notification::getKind).containsExactly(NotificationKind.ACKNOWLEDGE);
        assertThat(acked.incident().getAcknowledgedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(decider.command(acked.incident(), ack, T0.plusSeconds(61))).isEmpty();
    }

    @Test
    void aHeldChangeIsPublishedWithTheUpdatesOwedAndTheInputIsNotChanged() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident paged = open(decider, Severity.HIGH).incident();
        long versionBefore = paged.getVersion();

        Decision published = decider.publishHeld(paged, Notice.UPDATE, T0.plusSeconds(2));

        assertThat(published.urgent()).isTrue();
        assertThat(kinds(published)).containsExactly("slack:UPDATE", "teams:UPDATE");
        assertThat(paged.getVersion()).isEqualTo(versionBefore);
        assertThat(paged.getSignals()).hasSize(1);
    }

    @Test
    void recoveryResolvesTheNotifiedReceiversAtOnceAndThePostmortemClosesTheRunbook() {
        IncidentDecider decider = decider(Duration.ZERO);
        Decision opened = open(decider, Severity.CRITICAL);
        Incident resolved = decider.signal(opened.incident(), opened.signal(), alert("f1", Severity.CRITICAL, SignalStatus.RESOLVED), false,
                Optional.empty(), Optional.empty(), false, T0.plusSeconds(600)).orElseThrow().incident();

        Decision recovered = decider.recovered(resolved, T0.plusSeconds(900));

        assertThat(recovered.urgent()).isTrue();
        assertThat(recovered.incident().getStage()).isEqualTo(Stage.RECOVERED);
        assertThat(kinds(recovered)).contains("pagerduty:RESOLVE", "slack-war-room:RESOLVE", "teams:RESOLVE");

        Decision published = decider.postmortemPublished(recovered.incident(), io.firebreak.events.Postmortem.newBuilder().setIncidentId(ID)
                .setCluster("oci-fra-1").setTitle("t").setStartedAt(T0).setGeneratedAt(T0).setRevision(1).build(), T0.plusSeconds(1000));
        assertThat(published.incident().getStage()).isEqualTo(Stage.POSTMORTEM_PUBLISHED);
        assertThat(published.incident().getClosed()).isTrue();
    }

    @Test
    void aDecisionNeverMutatesTheIncidentItWasGiven() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident before = open(decider, Severity.HIGH).incident();
        String snapshot = before.toString();

        decider.signal(before, Optional.empty(), alert("f2", Severity.CRITICAL, SignalStatus.FIRING), false, Optional.empty(),
                Optional.empty(), false, T0.plusSeconds(5));
        decider.signal(before, Optional.empty(), alert("f3", Severity.HIGH, SignalStatus.FIRING), false, Optional.empty(),
                Optional.empty(), true, T0.plusSeconds(5));
        decider.publishHeld(before, Notice.UPDATE, T0.plusSeconds(6));
        decider.command(before, LifecycleCommand.newBuilder().setId("cmd-2").setIncidentId(ID).setCluster("oci-fra-1")
                .setAction(LifecycleAction.NOTE).setNote("looking").setActor("dana").setOrigin("api").setAt(T0).build(), T0.plusSeconds(6));

        assertThat(before.toString()).isEqualTo(snapshot);
    }

    /** DB patching on oci-fra-1 from T0 for ten minutes. */
    private static final MaintenanceWindow PATCHING = new MaintenanceWindow("mw-1", "db patching",
            List.of(Matcher.parse("cluster=\"oci-fra-1\"")), Optional.of(T0), Optional.of(T0.plus(Duration.ofMinutes(10))), Optional.empty());

    private IncidentDecider deciderDuring(MaintenanceWindow window) {
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).build();
        MaintenanceCalendar calendar = (labelSets, at) -> window.matches(labelSets)
                ? window.activeUntil(at).map(until -> new MaintenanceHold(window.id(), window.name(), until)) : Optional.empty();
        return new IncidentDecider(settings, new Router(settings.routes()), evidence, calendar);
    }

    @Test
    void aWindowHoldsThePageAndASignalStillFiringAtItsEndIsPagedThen() {
        IncidentDecider decider = deciderDuring(PATCHING);
        Decision opened = open(decider, Severity.CRITICAL);

        assertThat(opened.notifications()).isEmpty();
        assertThat(opened.released()).isFalse();
        assertThat(opened.incident().getStage()).isEqualTo(Stage.ALERT_FIRED);
        assertThat(opened.incident().getMaintenance().getName()).isEqualTo("db patching");
        assertThat(opened.incident().getMaintenance().getUntil()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(opened.incident().getTimeline()).anySatisfy(entry -> assertThat(entry.getCause())
                .contains("held by maintenance window db patching"));
        assertThat(opened.incident().getHeldNotifications()).extracting(h -> h.getReceiver() + ":" + h.getKind())
                .containsExactly("pagerduty:TRIGGER", "slack-war-room:TRIGGER", "teams:TRIGGER");

        Decision ended = decider.releaseAtDeadline(opened.incident(), T0.plus(Duration.ofMinutes(10)));

        assertThat(kinds(ended)).containsExactly("pagerduty:TRIGGER", "slack-war-room:TRIGGER", "teams:TRIGGER");
        assertThat(ended.incident().getMaintenance()).isNull();
        // PAGED and WAR_ROOM_OPEN wait for the receivers to accept the pages sent now
        assertThat(ended.incident().getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
        assertThat(ended.incident().getTriggers()).extracting(t -> t.getReceiver()).contains("pagerduty", "slack-war-room");
        assertThat(ended.incident().getTimeline()).anySatisfy(entry -> assertThat(entry.getCause())
                .contains("maintenance window db patching ended: 1 signals still firing are routed now"));
    }

    @Test
    void aSignalResolvedDuringTheWindowIsNeverPaged() {
        IncidentDecider decider = deciderDuring(PATCHING);
        Decision opened = open(decider, Severity.CRITICAL);
        Incident resolved = decider.signal(opened.incident(), opened.signal(), alert("f1", Severity.CRITICAL, SignalStatus.RESOLVED), false,
                Optional.empty(), Optional.empty(), false, T0.plusSeconds(60)).orElseThrow().incident();

        Decision ended = decider.releaseAtDeadline(resolved, T0.plus(Duration.ofMinutes(10)));

        assertThat(ended.notifications()).isEmpty();
        assertThat(ended.released()).isTrue();
        assertThat(ended.incident().getPagedReceivers()).isEmpty();
        assertThat(ended.incident().getTimeline()).anySatisfy(entry -> assertThat(entry.getCause())
                .contains("every signal resolved, nobody notified"));
    }

    @Test
    void anIncidentPagedBeforeTheWindowHearsNothingDuringItAndAnUpdateAfter() {
        MaintenanceWindow later = new MaintenanceWindow("mw-2", "late patching", PATCHING.matchers(), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0.plus(Duration.ofMinutes(10))), Optional.empty());
        IncidentDecider decider = deciderDuring(later);
        Decision opened = open(decider, Severity.CRITICAL);
        assertThat(kinds(opened)).contains("pagerduty:TRIGGER");

        Decision acknowledged = decider.change(Records.copy(opened.incident()), Notice.ACKNOWLEDGE, Optional.empty(), T0.plusSeconds(120));
        assertThat(acknowledged.notifications()).isEmpty();
        assertThat(acknowledged.incident().getHeldNotifications()).extracting(h -> h.getReceiver() + ":" + h.getKind())
                .contains("pagerduty:ACKNOWLEDGE");
        assertThat(decider.publishHeld(acknowledged.incident(), Notice.UPDATE, T0.plusSeconds(130)).notifications()).isEmpty();

        Decision ended = decider.releaseAtDeadline(acknowledged.incident(), T0.plus(Duration.ofMinutes(10)));
        assertThat(kinds(ended)).contains("pagerduty:UPDATE", "slack-war-room:UPDATE", "teams:UPDATE").doesNotContain("pagerduty:TRIGGER");
    }

    private static ChangeEvent deployment(String id, String service, ChangeKind kind, String version, String previous, Instant at) {
        return ChangeEvent.newBuilder().setId(id).setCluster("oci-fra-1").setService(service).setKind(kind).setVersion(version)
                .setPreviousVersion(previous).setAuthor("oncall-trading").setAt(at).setReceivedAt(at).build();
    }

    @Test
    void aChangeBackToTheVersionBeforeTheSuspectIsAMitigationNeverASuspect() {
        evidence.changes.add(deployment("c1", "risk-service", ChangeKind.DEPLOYMENT, "v2.15.0", "v2.14.3", T0.minusSeconds(240)));
        IncidentDecider decider = decider(Duration.ZERO);
        Incident opened = open(decider, Severity.CRITICAL).incident();
        assertThat(opened.getSuspectChanges()).extracting(c -> c.getService() + "@" + c.getVersion()).containsExactly("risk-service@v2.15.0");

        evidence.changes.add(deployment("c2", "risk-service", ChangeKind.DEPLOYMENT, "v2.14.3", "v2.15.0", T0.plusSeconds(160)));
        Decision rolledBack = decider.change(Records.copy(opened), Notice.NONE, Optional.empty(), T0.plusSeconds(160));

        assertThat(rolledBack.incident().getSuspectChanges()).extracting(c -> c.getService() + "@" + c.getVersion())
                .containsExactly("risk-service@v2.15.0");
        assertThat(rolledBack.incident().getMitigations()).singleElement().satisfies(m -> {
            assertThat(m.getKind()).isEqualTo("rollback");
            assertThat(m.getService() + "@" + m.getVersion()).isEqualTo("risk-service@v2.14.3");
            assertThat(m.getActor()).isEqualTo("oncall-trading");
        });
        assertThat(rolledBack.incident().getTimeline()).anySatisfy(entry -> {
            assertThat(entry.getKind()).isEqualTo("rollback");
            assertThat(entry.getCause()).contains("rollback of risk-service to v2.14.3");
        });
        assertThat(kinds(rolledBack)).contains("pagerduty:UPDATE");
        // seen again (a later change of the incident), the rollback is neither repeated nor turned into a suspect
        Decision later = decider.change(Records.copy(rolledBack.incident()), Notice.NONE, Optional.empty(), T0.plusSeconds(170));
        assertThat(later.incident().getMitigations()).hasSize(1);
        assertThat(later.incident().getSuspectChanges()).hasSize(1);
    }

    @Test
    void aChangeDeclaredAsRollbackDuringTheIncidentIsAMitigation() {
        IncidentDecider decider = decider(Duration.ZERO);
        Incident opened = open(decider, Severity.HIGH).incident();
        evidence.changes.add(deployment("c3", "trade-engine", ChangeKind.ROLLBACK, "v7.1.0", null, T0.plusSeconds(60)));

        Incident changed = decider.change(Records.copy(opened), Notice.NONE, Optional.empty(), T0.plusSeconds(60)).incident();

        assertThat(changed.getSuspectChanges()).isEmpty();
        assertThat(changed.getMitigations()).extracting(m -> m.getKind() + " " + m.getService() + "@" + m.getVersion())
                .containsExactly("rollback trade-engine@v7.1.0");
    }
}

package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Signal;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final String ID = "oci-fra-1.20261128.0001";

    private static TopologyHarness paged() {
        TopologyHarness harness = new TopologyHarness();
        harness.send(Signals.critical("c1"));
        return harness;
    }

    private static TimelineEntry last(Incident incident) {
        return incident.getTimeline().get(incident.getTimeline().size() - 1);
    }

    @Test
    void criticalIncidentWalksAlertFiredRcaBurnAnalysisPagedWarRoom() {
        try (TopologyHarness harness = paged()) {
            assertThat(harness.only().getTimeline()).extracting(TimelineEntry::getStage).filteredOn(java.util.Objects::nonNull)
                    .containsExactly(Stage.SIGNAL_DETECTED, Stage.ALERT_FIRED, Stage.RCA_GENERATED, Stage.SLO_BURN_ANALYZED,
                            Stage.PAGED, Stage.WAR_ROOM_OPEN);
            assertThat(harness.only().getStage()).isEqualTo(Stage.WAR_ROOM_OPEN);
        }
    }

    @Test
    void ackStampsAcknowledgedAtAndAcknowledgesPagerDutyUpdatesTheOthers() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.ACK, "alice", null, T0.plusSeconds(60)), T0.plusSeconds(60));

            Incident incident = harness.only();
            assertThat(incident.getAcknowledgedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(last(incident).getActor()).isEqualTo("alice");
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER, NotificationKind.ACKNOWLEDGE);
            assertThat(harness.notifications("slack")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
            assertThat(harness.notifications("pagerduty").get(1).getId()).isEqualTo(ID + ":pagerduty:acknowledge:" + incident.getVersion());
        }
    }

    @Test
    void mitigateThenConfirmRecoveryThenPostmortemReachTheLastStages() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.MITIGATE, "alice", "rolled back", T0.plusSeconds(60)), T0.plusSeconds(60));
            assertThat(harness.only().getStage()).isEqualTo(Stage.MITIGATED);
            assertThat(harness.only().getMitigatedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(last(harness.only()).getEvidence()).contains("note: rolled back");

            harness.command(Inputs.command(ID, LifecycleAction.CONFIRM_RECOVERY, "alice", null, T0.plusSeconds(120)), T0.plusSeconds(120));
            assertThat(harness.only().getStage()).isEqualTo(Stage.RECOVERED);
            assertThat(harness.only().getRecoveredAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).endsWith(NotificationKind.RESOLVE);

            harness.postmortem(Inputs.postmortem(ID, "oci-fra-1", T0.plusSeconds(130)), T0.plusSeconds(130)).advance(Duration.ofSeconds(2));
            assertThat(harness.only().getStage()).isEqualTo(Stage.POSTMORTEM_PUBLISHED);
            assertThat(harness.only().getClosed()).isTrue();
        }
    }

    @Test
    void resolveRecoversClosesAndResolvesEveryPagedReceiver() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.RESOLVE, "bob", "false alarm", T0.plusSeconds(60)), T0.plusSeconds(60));

            Incident incident = harness.only();
            assertThat(incident.getStage()).isEqualTo(Stage.RECOVERED);
            assertThat(incident.getResolvedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(incident.getClosed()).isTrue();
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER, NotificationKind.RESOLVE);
            assertThat(harness.notifications("teams")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER, NotificationKind.RESOLVE);
        }
    }

    @Test
    void noteAndActionItemAreRecorded() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.NOTE, "alice", "looking at pg", T0.plusSeconds(30)), T0.plusSeconds(30));
            io.firebreak.events.LifecycleCommand item = Inputs.command(ID, LifecycleAction.ACTION_ITEM, "alice", "add pgbouncer", T0.plusSeconds(40));
            item.setOwner("dba-team");
            harness.command(item, T0.plusSeconds(40));

            Incident incident = harness.only();
            assertThat(incident.getTimeline()).anySatisfy(e -> {
                assertThat(e.getKind()).isEqualTo("note");
                assertThat(e.getCause()).isEqualTo("looking at pg");
            });
            assertThat(incident.getActionItems()).singleElement().satisfies(a -> {
                assertThat(a.getDescription()).isEqualTo("add pgbouncer");
                assertThat(a.getOwner()).isEqualTo("dba-team");
            });
            assertThat(harness.notifications("pagerduty")).hasSize(1);
        }
    }

    @Test
    void mitigatingTwiceIsRejectedWithTheReason() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.MITIGATE, "alice", null, T0.plusSeconds(60)), T0.plusSeconds(60))
                    .command(Inputs.command(ID, LifecycleAction.MITIGATE, "bob", null, T0.plusSeconds(90)), T0.plusSeconds(90));

            TimelineEntry rejected = last(harness.only());
            assertThat(rejected.getKind()).isEqualTo("rejected");
            assertThat(rejected.getActor()).isEqualTo("bob");
            assertThat(rejected.getCause()).contains("mitigate rejected: already mitigated");
            assertThat(harness.only().getMitigatedAt()).isEqualTo(T0.plusSeconds(60));
        }
    }

    @Test
    void ackingTwiceAckAfterRecoveryAndResolvingTwiceAreRejected() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.ACK, "a", null, T0.plusSeconds(10)), T0.plusSeconds(10))
                    .command(Inputs.command(ID, LifecycleAction.ACK, "a", null, T0.plusSeconds(20)), T0.plusSeconds(20));
            assertThat(last(harness.only()).getCause()).contains("ack rejected: already acknowledged");

            harness.command(Inputs.command(ID, LifecycleAction.RESOLVE, "a", null, T0.plusSeconds(30)), T0.plusSeconds(30))
                    .command(Inputs.command(ID, LifecycleAction.RESOLVE, "a", null, T0.plusSeconds(40)), T0.plusSeconds(40));
            assertThat(last(harness.only()).getCause()).contains("resolve rejected: incident is already resolved");

            harness.command(Inputs.command(ID, LifecycleAction.MITIGATE, "a", null, T0.plusSeconds(50)), T0.plusSeconds(50));
            assertThat(last(harness.only()).getCause()).contains("mitigate rejected: incident is already RECOVERED");

            harness.command(Inputs.command(ID, LifecycleAction.CONFIRM_RECOVERY, "a", null, T0.plusSeconds(60)), T0.plusSeconds(60));
            assertThat(last(harness.only()).getCause()).contains("confirm-recovery rejected");
        }
    }

    @Test
    void emptyNoteAndUnknownActionAreRejected() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.NOTE, "a", " ", T0.plusSeconds(10)), T0.plusSeconds(10));
            assertThat(last(harness.only()).getCause()).contains("note rejected: a note needs text");
            harness.command(Inputs.command(ID, LifecycleAction.UNKNOWN, "a", null, T0.plusSeconds(20)), T0.plusSeconds(20));
            assertThat(last(harness.only()).getCause()).contains("unknown rejected: unknown action");
        }
    }

    @Test
    void commandForAnUnknownIncidentChangesNothingAndDoesNotCrash() {
        try (TopologyHarness harness = paged()) {
            int versions = harness.incidents().size();
            harness.command(Inputs.command("oci-fra-1.20261128.9999", LifecycleAction.ACK, "a", null, T0.plusSeconds(10)), T0.plusSeconds(10))
                    .send(Signals.critical("c2"), T0.plusSeconds(20));
            assertThat(harness.incidents()).hasSize(versions + 1);
            assertThat(harness.only().getAcknowledgedAt()).isNull();
        }
    }

    @Test
    void aRedeliveredCommandIsAppliedOnce() {
        try (TopologyHarness harness = paged()) {
            io.firebreak.events.LifecycleCommand note = Inputs.command(ID, LifecycleAction.NOTE, "a", "once", T0.plusSeconds(10));
            harness.command(note, T0.plusSeconds(10)).command(note, T0.plusSeconds(11));
            assertThat(harness.only().getTimeline()).filteredOn(e -> e.getKind().equals("note")).hasSize(1);
        }
    }

    @Test
    void newFiringSignalAfterRecoveryReopensTheSameIncidentWithoutANewPage() {
        Signal firing = Signals.critical("c1");
        try (TopologyHarness harness = paged()) {
            harness.send(Signals.resolved(firing), T0.plusSeconds(60))
                    .command(Inputs.command(ID, LifecycleAction.CONFIRM_RECOVERY, "a", null, T0.plusSeconds(70)), T0.plusSeconds(70))
                    .send(Signals.critical("c9"), T0.plusSeconds(90));

            Incident incident = harness.only();
            assertThat(incident.getReopens()).isEqualTo(1);
            assertThat(incident.getStage()).isEqualTo(Stage.WAR_ROOM_OPEN);
            assertThat(incident.getRecoveredAt()).isNull();
            assertThat(incident.getTimeline()).anySatisfy(e -> assertThat(e.getKind()).isEqualTo("reopen"));
            // PagerDuty's alert was resolved: re-triggering it would open a new PagerDuty incident, a second page
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind())
                    .containsExactly(NotificationKind.TRIGGER, NotificationKind.RESOLVE);
            assertThat(harness.notifications("slack")).extracting(n -> n.getKind()).contains(NotificationKind.UPDATE);
        }
    }

    @Test
    void afterThePostmortemANewAlertOpensANewIncident() {
        try (TopologyHarness harness = paged()) {
            harness.command(Inputs.command(ID, LifecycleAction.RESOLVE, "a", null, T0.plusSeconds(10)), T0.plusSeconds(10))
                    .postmortem(Inputs.postmortem(ID, "oci-fra-1", T0.plusSeconds(20)), T0.plusSeconds(20)).advance(Duration.ofSeconds(2))
                    .send(Signals.critical("c2"), T0.plusSeconds(30));
            assertThat(harness.latest()).containsKeys(ID, "oci-fra-1.20261128.0002");
            assertThat(harness.latest(ID).getStage()).isEqualTo(Stage.POSTMORTEM_PUBLISHED);
        }
    }
}

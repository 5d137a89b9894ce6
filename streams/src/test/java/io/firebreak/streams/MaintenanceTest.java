package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.MaintenanceWindow;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Maintenance windows through the real topology: the window arrives on its compacted topic (a global store), the
 * incident is correlated as usual, nothing reaches a notify topic while the window is active, and the wall clock
 * routes what still fires when it ends.
 */
class MaintenanceTest {

    private static final String CLUSTER = "oci-fra-1";

    private static MaintenanceWindow patching(String matcher, Duration length) {
        return MaintenanceWindow.newBuilder().setId("mw-1").setName("db patching").setMatchers(List.of(matcher))
                .setStartsAt(T0.minusSeconds(60)).setEndsAt(T0.plus(length)).setCreatedAt(T0.minusSeconds(120)).build();
    }

    @Test
    void aStillFiringSignalIsPagedWhenTheWindowEndsAndNotBefore() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.maintenance(patching("cluster=\"oci-fra-1\"", Duration.ofMinutes(10)), T0.minusSeconds(60))
                    .send(Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "c1").build())
                    .send(Signals.alert(CLUSTER, "trade-engine", "TradeEngineSlow", Severity.CRITICAL, "c2").build(), T0.plusSeconds(30));

            assertThat(harness.notificationCount()).isZero();
            Incident held = harness.only();
            assertThat(held.getFiringSignals()).isEqualTo(2);
            assertThat(held.getMaintenance().getName()).isEqualTo("db patching");
            assertThat(held.getMaintenance().getUntil()).isEqualTo(T0.plus(Duration.ofMinutes(10)));

            harness.advance(Duration.ofMinutes(9));
            assertThat(harness.notificationCount()).isZero();
            harness.advance(Duration.ofMinutes(2));

            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER);
            Incident routed = harness.only();
            assertThat(routed.getMaintenance()).isNull();
            assertThat(routed.getHeldNotifications()).extracting(h -> h.getReceiver() + ":" + h.getKind())
                    .contains("pagerduty:TRIGGER", "slack-war-room:TRIGGER", "teams:TRIGGER");
            assertThat(routed.getTimeline()).extracting(e -> e.getKind()).contains("maintenance", "notified");
        }
    }

    @Test
    void aSignalResolvedInsideTheWindowIsNeverPagedAndOtherClustersAreNotHeld() {
        try (TopologyHarness harness = new TopologyHarness()) {
            Signal firing = Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "c1").build();
            harness.maintenance(patching("cluster=\"oci-fra-1\"", Duration.ofMinutes(10)), T0.minusSeconds(60))
                    .send(firing)
                    .send(Signals.resolved(firing), T0.plusSeconds(120))
                    .send(Signals.alert("oci-ams-1", "trade-engine", "TradeEngineDown", Severity.CRITICAL, "a1").build(), T0.plusSeconds(130));

            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getIncidentId()).allMatch(id -> id.startsWith("oci-ams-1."))
                    .hasSize(1);
            harness.advance(Duration.ofMinutes(11));

            assertThat(harness.notifications("pagerduty")).hasSize(1);
            Incident held = harness.latest().values().stream().filter(i -> i.getCluster().equals(CLUSTER)).findFirst().orElseThrow();
            assertThat(held.getPagedReceivers()).isEmpty();
            assertThat(held.getTimeline()).anySatisfy(e -> assertThat(e.getCause()).contains("every signal resolved, nobody notified"));
        }
    }

    @Test
    void aDeletedWindowHoldsNothing() {
        try (TopologyHarness harness = new TopologyHarness()) {
            MaintenanceWindow window = patching("service=\"trade-engine\"", Duration.ofMinutes(10));
            window.setDeletedAt(T0.minusSeconds(30));
            harness.maintenance(window, T0.minusSeconds(30))
                    .send(Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "c1").build());

            assertThat(harness.notifications("pagerduty")).hasSize(1);
            assertThat(harness.only().getMaintenance()).isNull();
        }
    }
}

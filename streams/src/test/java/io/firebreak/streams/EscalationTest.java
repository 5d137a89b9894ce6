package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static final String CLUSTER = "oci-fra-1";

    @Test
    void escalationFromMediumToCriticalPagesOnlyTheNewReceiversOnce() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.alert(CLUSTER, "trade-engine", "SlowOrders", Severity.MEDIUM, "m1").build())
                    .send(Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "c1").build(), T0.plusSeconds(60))
                    .send(Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown2", Severity.CRITICAL, "c2").build(), T0.plusSeconds(90));

            assertThat(harness.receivers("pagerduty")).containsExactly("pagerduty");
            assertThat(harness.notifications("slack")).filteredOn(n -> n.getKind() == io.firebreak.events.NotificationKind.TRIGGER)
                    .extracting(n -> n.getReceiver()).containsExactly("slack", "slack-war-room");
            assertThat(harness.notifications("slack")).filteredOn(n -> n.getKind() != io.firebreak.events.NotificationKind.TRIGGER)
                    .extracting(n -> n.getKind().name()).containsOnly("UPDATE");
            assertThat(harness.receivers("teams")).containsExactly("teams");
            Incident latest = harness.incidents().get(harness.incidents().size() - 1);
            assertThat(latest.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(latest.getPagedReceivers()).containsExactly("slack", "pagerduty", "slack-war-room", "teams");
            assertThat(latest.getTimeline()).anySatisfy(e -> {
                assertThat(e.getKind()).isEqualTo("escalation");
                assertThat(e.getCause()).contains("MEDIUM -> CRITICAL");
            });
            long escalatedVersion = harness.incidents().stream().filter(i -> i.getSeverity() == Severity.CRITICAL).findFirst().orElseThrow().getVersion();
            assertThat(harness.notifications("pagerduty").get(0).getIncidentVersion()).isEqualTo(escalatedVersion);
        }
    }

    @Test
    void deEscalationNeverUnpagesNorLowersTheSeverity() {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "c1").build())
                    .send(Signals.alert(CLUSTER, "trade-engine", "SlowOrders", Severity.LOW, "l1").build(), T0.plusSeconds(60))
                    .send(Signals.resolved(Signals.alert(CLUSTER, "trade-engine", "TradeEngineDown", Severity.CRITICAL, "c1").build()), T0.plusSeconds(120));

            Incident latest = harness.incidents().get(harness.incidents().size() - 1);
            assertThat(latest.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(latest.getPagedReceivers()).containsExactly("pagerduty", "slack-war-room", "teams");
            assertThat(harness.notificationCount()).isEqualTo(3);
        }
    }
}

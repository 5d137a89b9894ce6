package io.firebreak.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static TopologyHarness fire(Severity severity) {
        return new TopologyHarness().send(Signals.alert("oci-fra-1", "trade-engine", "TradeEngineHighLatency", severity, "fp-1").build());
    }

    @Test
    void criticalPagesPagerDutyTheSlackWarRoomAndTeams() {
        try (TopologyHarness harness = fire(Severity.CRITICAL)) {
            assertThat(harness.receivers("pagerduty")).containsExactly("pagerduty");
            assertThat(harness.receivers("slack")).containsExactly("slack-war-room");
            assertThat(harness.receivers("teams")).containsExactly("teams");
            assertThat(harness.notifications("soar")).isEmpty();
        }
    }

    @Test
    void highGoesToSlackAndTeamsOnly() {
        try (TopologyHarness harness = fire(Severity.HIGH)) {
            assertThat(harness.notifications("pagerduty")).isEmpty();
            assertThat(harness.receivers("slack")).containsExactly("slack");
            assertThat(harness.receivers("teams")).containsExactly("teams");
        }
    }

    @Test
    void mediumGoesToSlackOnly() {
        try (TopologyHarness harness = fire(Severity.MEDIUM)) {
            assertThat(harness.receivers("slack")).containsExactly("slack");
            assertThat(harness.notificationCount()).isEqualTo(1);
        }
    }

    @Test
    void lowNotifiesNobodyButStillOpensAnIncident() {
        try (TopologyHarness harness = fire(Severity.LOW)) {
            assertThat(harness.notificationCount()).isZero();
            assertThat(harness.incidents()).singleElement().satisfies(i -> assertThat(i.getPagedReceivers()).isEmpty());
        }
    }

    @Test
    void triggerCarriesWhatTheOnCallNeeds() {
        try (TopologyHarness harness = fire(Severity.CRITICAL)) {
            Notification page = harness.notifications("pagerduty").get(0);
            assertThat(page.getId()).isEqualTo("oci-fra-1.20261128.0001:pagerduty:trigger");
            assertThat(page.getKind()).isEqualTo(NotificationKind.TRIGGER);
            assertThat(page.getChannel()).isEqualTo("pagerduty");
            assertThat(page.getTitle()).isEqualTo("[CRITICAL] trade-engine: TradeEngineHighLatency (oci-fra-1)");
            assertThat(page.getSummary()).isEqualTo("trade-engine p99 order latency above 250ms");
            assertThat(page.getSource()).isEqualTo("trade-engine.trading.oci-fra-1");
            assertThat(page.getAlertClass()).isEqualTo("TradeEngineHighLatency");
            assertThat(page.getRunbookUrl()).isEqualTo("https://runbooks.example.internal/trade-engine/high-latency");
            assertThat(page.getSeverity()).isEqualTo(Severity.CRITICAL);
            // the page is decided before anyone accepted it: not PAGED yet (issue 17)
            assertThat(page.getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
            assertThat(page.getCluster()).isEqualTo("oci-fra-1");
            assertThat(page.getServices()).containsExactly("trade-engine");
            assertThat(page.getIncidentVersion()).isEqualTo(1);
            assertThat(page.getDetails()).containsEntry("incident_id", "oci-fra-1.20261128.0001")
                    .containsEntry("cluster", "oci-fra-1").containsEntry("services", "trade-engine")
                    .containsEntry("stage", "SLO_BURN_ANALYZED").containsEntry("namespace", "trading")
                    .containsEntry("alertname", "TradeEngineHighLatency");
        }
    }

    @Test
    void customRoutesMatchServiceClusterAndLabelsAndContinueToTheNextRoute() {
        RouteTable routes = new RouteTable(List.of(
                new Route(List.of(Matcher.parse("namespace=\"trading\""),
                        Matcher.parse("cluster=~\"oci-.*\"")), List.of(Receiver.SOAR), true),
                new Route(List.of(Matcher.parse("service=\"ledger\"")),
                        List.of(Receiver.PAGERDUTY), false),
                Route.forSeverity("MEDIUM", Receiver.SLACK)));
        CorrelationSettingsBuilder settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).routes(routes);
        try (TopologyHarness harness = new TopologyHarness(settings)) {
            harness.send(Signals.alert("oci-fra-1", "ledger", "LedgerLag", Severity.MEDIUM, "l1").build())
                    .send(Signals.alert("oci-fra-1", "quotes", "QuotesLag", Severity.MEDIUM, "q1").build())
                    .send(Signals.alert("aws-1", "quotes", "QuotesLag", Severity.MEDIUM, "q2").build());

            assertThat(harness.notifications("pagerduty")).extracting(Notification::getIncidentId).containsExactly("oci-fra-1.20261128.0001");
            assertThat(harness.notifications("soar")).filteredOn(n -> n.getKind() == NotificationKind.TRIGGER)
                    .extracting(Notification::getIncidentId).containsExactly("oci-fra-1.20261128.0001", "oci-fra-1.20261128.0002");
            assertThat(harness.notifications("slack")).extracting(Notification::getIncidentId)
                    .containsExactly("oci-fra-1.20261128.0002", "aws-1.20261128.0001");
        }
    }
}

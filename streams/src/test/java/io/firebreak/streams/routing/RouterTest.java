package io.firebreak.streams.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import io.firebreak.schemas.TrustedPackages;
import io.firebreak.streams.lifecycle.Notice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Instant AT = Instant.parse("2026-11-28T09:12:03Z");
    private final Router router = new Router(RouteTable.defaults());

    @BeforeAll
    static void trustEventClasses() {
        TrustedPackages.trustEvents();
    }

    private static Incident.Builder pagedCritical() {
        return Incident.newBuilder().setId("oci-fra-1.20261128.0001").setCluster("oci-fra-1").setSeverity(Severity.CRITICAL)
                .setServices(List.of("postgres-main")).setOpenedAt(AT).setUpdatedAt(AT)
                .setPagedReceivers(List.of("pagerduty", "slack-war-room", "teams"))
                .setSignals(List.of(SignalRef.newBuilder().setFingerprint("f").setService("postgres-main").setFirstSeen(AT).setLastSeen(AT).build()));
    }

    private List<String> updatedReceivers(Incident incident) {
        return router.route(incident, Notice.UPDATE, Optional.empty(), AT).notifications().stream()
                .filter(n -> n.getKind() == NotificationKind.UPDATE).map(Notification::getReceiver).toList();
    }

    private static Incident incident(Severity severity, String cluster, List<String> services, Map<String, String> labels) {
        return Incident.newBuilder().setId(cluster + ".20261128.0001").setCluster(cluster).setSeverity(severity)
                .setServices(services).setOpenedAt(AT).setUpdatedAt(AT)
                .setSignals(List.of(SignalRef.newBuilder().setFingerprint("f").setService(services.get(0))
                        .setFirstSeen(AT).setLastSeen(AT).setLabels(labels).build()))
                .build();
    }

    private static Router routing(Route... routes) {
        return new Router(new RouteTable(List.of(routes)));
    }

    @Test
    void seedTableRoutesByTheIncidentsSeverity() {
        assertThat(router.receiversFor(incident(Severity.CRITICAL, "c", List.of("s"), Map.of())))
                .containsExactly(Receiver.PAGERDUTY, Receiver.SLACK_WAR_ROOM, Receiver.TEAMS);
        assertThat(router.receiversFor(incident(Severity.LOW, "c", List.of("s"), Map.of()))).isEmpty();
    }

    @Test
    void routesMatchTheOpeningSignalsLabelsTheIncidentsClusterAndItsSeverityOverTheRawLabel() {
        Router routes = routing(
                new Route(List.of(Matcher.parse("team=\"payments\"")), List.of(Receiver.SOAR), true),
                new Route(List.of(Matcher.parse("cluster=~\"oci-.*\""), Matcher.parse("severity=\"HIGH\"")), List.of(Receiver.SLACK), false));

        assertThat(routes.receiversFor(incident(Severity.HIGH, "oci-fra-1", List.of("ledger"), Map.of("team", "payments", "severity", "warning"))))
                .containsExactly(Receiver.SOAR, Receiver.SLACK);
        assertThat(routes.receiversFor(incident(Severity.HIGH, "aws-1", List.of("ledger"), Map.of()))).isEmpty();
    }

    @Test
    void serviceMatcherSeesEveryServiceOfTheIncident() {
        Router routes = routing(new Route(List.of(Matcher.parse("service=\"risk-service\"")), List.of(Receiver.PAGERDUTY), false));

        assertThat(routes.receiversFor(incident(Severity.MEDIUM, "c", List.of("trade-engine", "risk-service"), Map.of())))
                .containsExactly(Receiver.PAGERDUTY);
    }

    @Test
    void onlyThePagingReceiverPagesAndOnlyTheWarRoomReceiverOpensAWarRoom() {
        assertThat(Receiver.ids().stream().filter(router::pagesPagerDuty)).containsExactly("pagerduty");
        assertThat(Receiver.ids().stream().filter(Router::warRoom)).containsExactly("slack-war-room");
    }

    @Test
    void aNotificationGoesOutOnTheChannelOfItsReceiver() {
        Notification warRoom = router.render(pagedCritical().build(), "slack-war-room", NotificationKind.TRIGGER, Optional.empty(), AT);
        assertThat(warRoom.getChannel()).isEqualTo("slack");
        assertThat(warRoom.getReceiver()).isEqualTo("slack-war-room");
    }

    @Test
    void openIncidentUpdatesReachEveryNotifiedReceiverIncludingPagerDuty() {
        assertThat(updatedReceivers(pagedCritical().build())).containsExactlyInAnyOrder("pagerduty", "slack-war-room", "teams");
    }

    @Test
    void afterRecoveryAnUpdateNeverReTriggersPagerDutyBecauseThatWouldPageAgain() {
        assertThat(updatedReceivers(pagedCritical().setRecoveredAt(AT).build())).containsExactlyInAnyOrder("slack-war-room", "teams");
    }

    @Test
    void anIncidentAcknowledgedBeforeItsPageIsAcknowledgedAtPagerDutyRightAfterTheTrigger() {
        Incident acked = pagedCritical().setPagedReceivers(List.of()).setAcknowledgedAt(AT).build();
        List<Notification> out = router.route(acked, Notice.NONE, Optional.empty(), AT).notifications();
        assertThat(out).filteredOn(n -> n.getReceiver().equals("pagerduty")).extracting(Notification::getKind)
                .containsExactly(NotificationKind.TRIGGER, NotificationKind.ACKNOWLEDGE);
        assertThat(out).filteredOn(n -> n.getReceiver().equals("teams")).extracting(Notification::getKind)
                .containsExactly(NotificationKind.TRIGGER);
    }

    @Test
    void theIncidentLinkIsTheConfiguredPrefixFollowedByTheIncidentId() {
        Router linked = new Router(RouteTable.defaults(), Optional.of("https://firebreak.example/?incident="));
        Notification trigger = linked.render(pagedCritical().build(), "pagerduty", NotificationKind.TRIGGER, Optional.empty(), AT);
        assertThat(trigger.getIncidentUrl()).isEqualTo("https://firebreak.example/?incident=oci-fra-1.20261128.0001");
    }

    @Test
    void anIdFromAHostileClusterLabelIsUrlEncodedInTheLink() {
        Router linked = new Router(RouteTable.defaults(), Optional.of("https://firebreak.example/?incident="));
        Incident hostile = pagedCritical().setId("a&b=c|<!channel>.20261128.0001").build();
        Notification trigger = linked.render(hostile, "pagerduty", NotificationKind.TRIGGER, Optional.empty(), AT);
        assertThat(trigger.getIncidentUrl()).isEqualTo("https://firebreak.example/?incident=a%26b%3Dc%7C%3C%21channel%3E.20261128.0001");
    }

    @Test
    void aReopenedIncidentDoesNotReTriggerTheResolvedPagerDutyAlert() {
        assertThat(updatedReceivers(pagedCritical().setReopens(1).build())).doesNotContain("pagerduty");
    }
}

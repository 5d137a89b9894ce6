package io.firebreak.core.routing;

import static io.firebreak.core.channel.Receiver.PAGERDUTY;
import static io.firebreak.core.channel.Receiver.SLACK;
import static io.firebreak.core.channel.Receiver.SLACK_WAR_ROOM;
import static io.firebreak.core.channel.Receiver.SOAR;
import static io.firebreak.core.channel.Receiver.TEAMS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static List<Map<String, String>> severity(String severity) {
        return List.of(Map.of("severity", severity, "cluster", "c", "service", "s"));
    }

    @Test
    void seedTableRoutesBySeverity() {
        RouteTable table = RouteTable.defaults();
        assertThat(table.receiversFor(severity("CRITICAL"))).containsExactly(PAGERDUTY, SLACK_WAR_ROOM, TEAMS);
        assertThat(table.receiversFor(severity("HIGH"))).containsExactly(SLACK, TEAMS);
        assertThat(table.receiversFor(severity("MEDIUM"))).containsExactly(SLACK);
        assertThat(table.receiversFor(severity("LOW"))).as("dashboard only").isEmpty();
    }

    @Test
    void firstMatchWinsUnlessTheRouteContinues() {
        RouteTable table = new RouteTable(List.of(
                new Route(List.of(Matcher.parse("team=\"payments\"")), List.of(SOAR), true),
                new Route(List.of(Matcher.parse("cluster=~\"oci-.*\""), Matcher.parse("severity!=\"LOW\"")), List.of(SLACK), false),
                new Route(List.of(), List.of(TEAMS), false)));

        assertThat(table.receiversFor(List.of(Map.of("severity", "HIGH", "cluster", "oci-fra-1", "team", "payments"))))
                .containsExactly(SOAR, SLACK);
        assertThat(table.receiversFor(List.of(Map.of("severity", "HIGH", "cluster", "aws-1")))).containsExactly(TEAMS);
    }

    @Test
    void aRouteMatchesWhenAnyLabelSetDoesAndNamesEachReceiverOnce() {
        RouteTable table = new RouteTable(List.of(
                new Route(List.of(Matcher.parse("service=\"risk-service\"")), List.of(PAGERDUTY, SLACK), true),
                new Route(List.of(Matcher.parse("service=~\"risk-.*\"")), List.of(SLACK, TEAMS), false)));

        assertThat(table.receiversFor(List.of(Map.of("service", "trade-engine"), Map.of("service", "risk-service"))))
                .containsExactly(PAGERDUTY, SLACK, TEAMS);
        assertThat(table.receiversFor(List.of(Map.of("service", "trade-engine")))).isEmpty();
    }

    @Test
    void aRouteWithAnUnmetThresholdNotifiesNobodyYetAndSaysWhatItWaitsFor() {
        OpenAfter three = new OpenAfter(3, Duration.ofMinutes(5));
        RouteTable table = new RouteTable(List.of(
                new Route(List.of(Matcher.parse("service=\"batch\"")), List.of(PAGERDUTY), false, Optional.of(three), List.of()),
                new Route(List.of(), List.of(SLACK), false)));
        List<Map<String, String>> batch = List.of(Map.of("severity", "CRITICAL", "service", "batch"));

        assertThat(table.receiversFor(batch, threshold -> false)).as("later routes do not stand in").isEmpty();
        assertThat(table.waitingFor(batch, threshold -> false)).contains(three);
        assertThat(table.receiversFor(batch, threshold -> true)).containsExactly(PAGERDUTY);
        assertThat(table.waitingFor(batch, threshold -> true)).isEmpty();
        assertThat(table.waitingFor(severity("CRITICAL"), threshold -> false)).as("route not matched").isEmpty();
        assertThat(table.receiversFor(batch)).as("without a count, as before").containsExactly(PAGERDUTY);
        assertThat(table.hasThresholds()).isTrue();
        assertThat(RouteTable.defaults().hasThresholds()).isFalse();
    }
}

package io.firebreak.streams.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.events.Incident;
import io.firebreak.events.Severity;
import io.firebreak.events.SignalRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    @org.junit.jupiter.api.BeforeAll
    static void trustEventClasses() {
        // built without a topic or serde, so nothing else has told Avro to trust the generated classes yet
        io.firebreak.schemas.TrustedPackages.trustEvents();
    }

    private static Incident incident(Severity severity, String cluster, List<String> services, Map<String, String> labels) {
        Instant at = Instant.parse("2026-11-28T09:12:03Z");
        return Incident.newBuilder().setId(cluster + ".20261128.0001").setCluster(cluster).setSeverity(severity)
                .setServices(services).setOpenedAt(at).setUpdatedAt(at)
                .setSignals(List.of(SignalRef.newBuilder().setFingerprint("f").setService(services.get(0))
                        .setFirstSeen(at).setLastSeen(at).setLabels(labels).build()))
                .build();
    }

    @Test
    void seedTableRoutesBySeverity() {
        RouteTable table = RouteTable.defaults();
        assertThat(table.receiversFor(incident(Severity.CRITICAL, "c", List.of("s"), Map.of())))
                .containsExactly("pagerduty", "slack-war-room", "teams");
        assertThat(table.receiversFor(incident(Severity.HIGH, "c", List.of("s"), Map.of()))).containsExactly("slack", "teams");
        assertThat(table.receiversFor(incident(Severity.MEDIUM, "c", List.of("s"), Map.of()))).containsExactly("slack");
        assertThat(table.receiversFor(incident(Severity.LOW, "c", List.of("s"), Map.of()))).isEmpty();
    }

    @Test
    void firstMatchWinsUnlessTheRouteContinues() {
        RouteTable table = new RouteTable(List.of(
                new Route(List.of(Matcher.parse("team=\"payments\"")), List.of("soar"), true),
                new Route(List.of(Matcher.parse("cluster=~\"oci-.*\""), Matcher.parse("severity!=\"LOW\"")), List.of("slack"), false),
                new Route(List.of(), List.of("teams"), false)),
                RouteTable.defaults().channelByReceiver());

        assertThat(table.receiversFor(incident(Severity.HIGH, "oci-fra-1", List.of("ledger"), Map.of("team", "payments"))))
                .containsExactly("soar", "slack");
        assertThat(table.receiversFor(incident(Severity.HIGH, "aws-1", List.of("ledger"), Map.of()))).containsExactly("teams");
    }

    @Test
    void serviceMatcherSeesEveryServiceOfTheIncident() {
        RouteTable table = new RouteTable(List.of(new Route(List.of(Matcher.parse("service=\"risk-service\"")), List.of("pagerduty"), false)),
                RouteTable.defaults().channelByReceiver());

        assertThat(table.receiversFor(incident(Severity.MEDIUM, "c", List.of("trade-engine", "risk-service"), Map.of())))
                .containsExactly("pagerduty");
    }

    @Test
    void malformedMatcherIsRejectedWithItsText() {
        assertThatThrownBy(() -> Matcher.parse("severity CRITICAL")).hasMessageContaining("severity CRITICAL");
        assertThat(Matcher.parse("severity=\"CRITICAL\"")).isEqualTo(Matcher.equal("severity", "CRITICAL"));
    }
}

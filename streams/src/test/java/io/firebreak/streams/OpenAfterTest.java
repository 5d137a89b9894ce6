package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.OpenAfter;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A route's {@code openAfter: {signals: 3, within: 5m}} through the real topology. */
class OpenAfterTest {

    private static final String CLUSTER = "oci-fra-1";

    private static TopologyHarness harness() {
        RouteTable routes = new RouteTable(List.of(new Route(List.of(Matcher.parse("severity=\"CRITICAL\"")), List.of(Receiver.PAGERDUTY),
                false, Optional.of(new OpenAfter(3, Duration.ofMinutes(5))), List.of())));
        return new TopologyHarness(CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).routes(routes));
    }

    /** A critical batch alert (its name is its fingerprint) firing {@code seconds} after T0. */
    private static void fire(TopologyHarness harness, String alertName, long seconds) {
        harness.send(Signals.alert(CLUSTER, "batch", alertName, Severity.CRITICAL, alertName).build(), T0.plusSeconds(seconds));
    }

    @Test
    void theRoutePagesOnlyOnceThreeDistinctSignalsFiredWithinFiveMinutes() {
        try (TopologyHarness harness = harness()) {
            fire(harness, "JobFailed", 0);
            fire(harness, "JobFailed", 10);
            fire(harness, "JobSlow", 60);

            assertThat(harness.notifications("pagerduty")).as("a repeat is not a second signal").isEmpty();
            assertThat(harness.only().getStage()).isEqualTo(Stage.SIGNAL_DETECTED);
            assertThat(harness.only().getAlertFiredAt()).isNull();
            assertThat(harness.only().getTimeline()).anySatisfy(e -> assertThat(e.getCause())
                    .contains("waiting for 3 distinct signals within PT5M"));

            fire(harness, "JobStuck", 120);

            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind()).containsExactly(NotificationKind.TRIGGER);
            assertThat(harness.only().getStage()).isEqualTo(Stage.PAGED);
            assertThat(harness.only().getAlertFiredAt()).isEqualTo(T0.plusSeconds(120));
        }
    }

    @Test
    void signalsSpreadWiderThanTheWindowNeverPage() {
        try (TopologyHarness harness = harness()) {
            List<String> alerts = List.of("JobFailed", "JobSlow", "JobStuck");
            for (int i = 0; i < alerts.size(); i++) {
                fire(harness, alerts.get(i), 210L * i); // never three within five minutes
            }

            assertThat(harness.notifications("pagerduty")).isEmpty();
            assertThat(harness.only().getStage()).isEqualTo(Stage.SIGNAL_DETECTED);
            assertThat(harness.only().getFiringSignals()).isEqualTo(3);
        }
    }
}

package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.Incident;
import io.firebreak.events.IncidentSignal;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Alert storms on the real topology (issue 11): one big group stays one bounded incident with one page and every
 * signal reachable, another cluster is still paged, and a storm's routine changes are published once per update
 * interval while pages go out at once.
 */
class StormTest {

    private static Signal pod(String cluster, int i) {
        return Signals.alert(cluster, "trade-engine", "PodCrashLooping", Severity.CRITICAL, cluster + "-pod-" + i)
                .setSummary("pod trade-engine-" + i + " is crash looping").build();
    }

    @Test
    void threeThousandPodAlertsInOneGroupAreOneBoundedIncidentWithOnePageAndAnotherClusterIsStillPaged() {
        try (TopologyHarness harness = new TopologyHarness()) {
            for (int i = 0; i < 3_000; i++) {
                harness.send(pod("oci-fra-1", i), T0.plusMillis(i));
            }
            harness.send(pod("aws-use1-2", 0), T0.plusSeconds(10));

            assertThat(harness.latest()).hasSize(2);
            Incident storm = harness.latest().values().stream().filter(i -> i.getCluster().equals("oci-fra-1")).findFirst().orElseThrow();
            assertThat(storm.getFiringSignals()).isEqualTo(3_000);
            assertThat(storm.getSignals()).hasSize(IncidentLimits.SAMPLE);
            assertThat(serializedSize(storm)).isLessThan(64 * 1024);
            // one page per incident: the storm's and the other cluster's
            assertThat(harness.notifications("pagerduty")).extracting(Notification::getKind).containsOnly(NotificationKind.TRIGGER);
            assertThat(harness.notifications("pagerduty")).extracting(Notification::getIncidentId)
                    .containsExactlyInAnyOrderElementsOf(harness.latest().keySet());
            // every fingerprint is published in full for the API's paged list
            Set<String> published = harness.incidentSignals().values().stream().filter(s -> s.getIncidentId().equals(storm.getId()))
                    .map(s -> s.getSignal().getFingerprint()).collect(Collectors.toSet());
            assertThat(published).hasSize(3_000).contains("oci-fra-1-pod-0", "oci-fra-1-pod-2999");
        }
    }

    @Test
    void resolvingPartOfAStormUpdatesTheCountsAndThePublishedSignals() {
        try (TopologyHarness harness = new TopologyHarness()) {
            for (int i = 0; i < 200; i++) {
                harness.send(pod("oci-fra-1", i), T0.plusMillis(i));
            }
            for (int i = 0; i < 150; i++) {
                harness.send(Signals.resolved(pod("oci-fra-1", i)), T0.plusSeconds(60).plusMillis(i));
            }

            Incident incident = harness.only();
            assertThat(incident.getFiringSignals()).isEqualTo(50);
            assertThat(incident.getResolvedSignals()).isEqualTo(150);
            assertThat(incident.getSignals()).allMatch(s -> s.getStatus() == SignalStatus.FIRING);
            Map<String, IncidentSignal> signals = harness.incidentSignals();
            assertThat(signals.get(incident.getId() + "|oci-fra-1-pod-0").getSignal().getStatus()).isEqualTo(SignalStatus.RESOLVED);
            // the store keeps no labels (most of a signal's bytes); what is published has the alert's, also after a change
            assertThat(harness.storedSignal("oci-fra-1", "oci-fra-1-pod-0")).hasValueSatisfying(stored -> {
                assertThat(stored.getStatus()).isEqualTo(SignalStatus.RESOLVED);
                assertThat(stored.getIncidentId()).isEqualTo(incident.getId());
                assertThat(stored.getLabels()).isEmpty();
            });
            assertThat(signals.get(incident.getId() + "|oci-fra-1-pod-0").getSignal().getLabels())
                    .isEqualTo(pod("oci-fra-1", 0).getLabels()).containsEntry("namespace", "trading");
            assertThat(signals.get(incident.getId() + "|oci-fra-1-pod-199").getSignal().getStatus()).isEqualTo(SignalStatus.FIRING);
            assertThat(incident.getTimeline()).extracting(e -> e.getCause())
                    .anyMatch(cause -> cause.startsWith("190 more signals joined"))
                    .anyMatch(cause -> cause.startsWith("150 signals resolved"));
        }
    }

    @Test
    void aStormsRoutineChangesArePublishedOncePerIntervalWhilePagesGoOutAtOnce() {
        RouteTable routes = new RouteTable(List.of(Route.forSeverity("CRITICAL", Receiver.PAGERDUTY, Receiver.SOAR),
                Route.forSeverity("HIGH", Receiver.SLACK, Receiver.SOAR)));
        CorrelationSettingsBuilder settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).routes(routes)
                .updateInterval(Duration.ofSeconds(2));
        try (TopologyHarness harness = TopologyHarness.throttled(settings)) {
            Signal first = Signals.alert("oci-fra-1", "trade-engine", "PodCrashLooping", Severity.HIGH, "pod-0").build();
            harness.send(first, T0);
            assertThat(harness.notifications("slack")).extracting(Notification::getKind).containsExactly(NotificationKind.TRIGGER);
            int versionsAfterPage = harness.incidents().size();

            // 500 more pods within the interval (the wall clock stands still): held, nothing published
            for (int i = 1; i <= 500; i++) {
                harness.send(Signals.alert("oci-fra-1", "trade-engine", "PodCrashLooping", Severity.HIGH, "pod-" + i).build(), T0.plusMillis(i));
            }
            assertThat(harness.incidents()).hasSize(versionsAfterPage);
            assertThat(harness.notifications("soar")).extracting(Notification::getKind).containsExactly(NotificationKind.TRIGGER);

            // an escalation is a page: it goes out at once, with the latest state, inside the interval
            harness.send(Signals.alert("oci-fra-1", "trade-engine", "PodCrashLooping", Severity.CRITICAL, "pod-501").build(), T0.plusSeconds(1));
            assertThat(harness.notifications("pagerduty")).extracting(Notification::getKind).containsExactly(NotificationKind.TRIGGER);
            assertThat(harness.incidents().get(harness.incidents().size() - 1).getFiringSignals()).isEqualTo(502);

            for (int i = 502; i < 600; i++) {
                harness.send(Signals.alert("oci-fra-1", "trade-engine", "PodCrashLooping", Severity.HIGH, "pod-" + i).build(), T0.plusSeconds(1).plusMillis(i));
            }
            int published = harness.incidents().size();
            harness.advance(Duration.ofSeconds(3));

            // the interval is over: one version with the latest state, one UPDATE for the receiver that hears every change
            // (the UPDATEs before it: the escalation, and PAGED once PagerDuty accepted the page)
            assertThat(harness.incidents()).hasSize(published + 1);
            assertThat(harness.only().getFiringSignals()).isEqualTo(600);
            assertThat(harness.notifications("soar")).extracting(Notification::getKind)
                    .containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE, NotificationKind.UPDATE, NotificationKind.UPDATE);
            harness.advance(Duration.ofSeconds(3));
            assertThat(harness.incidents()).hasSize(published + 1); // nothing new, nothing re-sent
        }
    }

    private static int serializedSize(Incident incident) {
        Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
        return serdes.value(Topics.INCIDENTS).serializer().serialize(Topics.INCIDENTS.name(), incident).length;
    }
}

package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalStatus;
import org.junit.jupiter.api.Test;

class DedupTest {

    @Test
    void resentFiringAlertOpensOneIncidentAndPagesEachReceiverOnce() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        try (TopologyHarness harness = new TopologyHarness()) {
            int versions = harness.send(firing).incidents().size(); // opened, then each receiver's acceptance
            harness.send(firing, T0.plusSeconds(30)).send(firing, T0.plusSeconds(300));

            assertThat(harness.incidents()).hasSize(versions);
            assertThat(harness.latest()).hasSize(1);
            assertThat(harness.notifications("pagerduty")).hasSize(1);
            assertThat(harness.receivers("slack")).containsExactly("slack-war-room");
            assertThat(harness.notifications("teams")).hasSize(1);
        }
    }

    @Test
    void repeatedAlertAddsNoTimelineEntry() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        try (TopologyHarness harness = new TopologyHarness()) {
            int versions = harness.send(firing).incidents().size();
            harness.send(firing, T0.plusSeconds(60));

            assertThat(harness.incidents()).hasSize(versions);
            Incident incident = harness.only();
            assertThat(incident.getTimeline()).noneMatch(e -> e.getKind().equals("signal"));
            assertThat(incident.getSignals()).singleElement().satisfies(ref -> assertThat(ref.getCount()).isEqualTo(1));
        }
    }

    @Test
    void resolvingTheOnlySignalRecordsItWithoutPagingAgain() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        try (TopologyHarness harness = new TopologyHarness()) {
            long paged = harness.send(firing).only().getVersion();
            harness.send(Signals.resolved(firing), T0.plusSeconds(600)).send(Signals.resolved(firing), T0.plusSeconds(660));

            Incident latest = harness.only();
            assertThat(latest.getVersion()).isEqualTo(paged + 1);
            assertThat(latest.getSignals()).singleElement()
                    .satisfies(ref -> assertThat(ref.getStatus()).isEqualTo(SignalStatus.RESOLVED));
            assertThat(latest.getTimeline()).extracting(e -> e.getCause())
                    .anyMatch(cause -> cause.contains("all 1 signals resolved"));
            assertThat(harness.notificationCount()).isEqualTo(3);
        }
    }

    @Test
    void alertFiringAgainAfterResolvingRejoinsTheSameIncidentWithoutNewPages() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        try (TopologyHarness harness = new TopologyHarness()) {
            // firing again is a new episode: Prometheus gives it a new startsAt (the same one would be a stale resend)
            Signal again = Signal.newBuilder(firing).setStartsAt(T0.plusSeconds(900)).build();
            harness.send(firing).send(Signals.resolved(firing), T0.plusSeconds(600)).send(again, T0.plusSeconds(900));

            assertThat(harness.latest()).hasSize(1);
            Incident latest = harness.only();
            assertThat(latest.getSignals().get(0).getStatus()).isEqualTo(SignalStatus.FIRING);
            assertThat(latest.getSignals().get(0).getFlips()).isEqualTo(2);
            assertThat(harness.notificationCount()).isEqualTo(3);
        }
    }

    /**
     * Two Alertmanager replicas of an HA pair: one sends the resolve, the other, not having seen it yet, re-sends the
     * same episode (same startsAt) as firing, over and over. None of that is a flip: no flapping mark, no new page.
     */
    @Test
    void aStaleResendOfTheSameEpisodeFromTheOtherReplicaIsNotAFlip() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        try (TopologyHarness harness = new TopologyHarness(CorrelationSettingsBuilder.defaults().enrichmentWait(java.time.Duration.ZERO)
                .flapping(2, java.time.Duration.ofMinutes(15)))) {
            harness.send(firing).send(Signals.resolved(firing), T0.plusSeconds(60));
            for (int i = 1; i <= 5; i++) {
                harness.send(firing, T0.plusSeconds(60 + 10L * i)).send(Signals.resolved(firing), T0.plusSeconds(65 + 10L * i));
            }

            Incident latest = harness.incidents().get(harness.incidents().size() - 1);
            assertThat(latest.getSignals()).singleElement().satisfies(ref -> {
                assertThat(ref.getStatus()).isEqualTo(SignalStatus.RESOLVED);
                assertThat(ref.getFlapping()).isFalse();
            });
            assertThat(harness.notifications("pagerduty")).extracting(n -> n.getKind().name()).containsExactly("TRIGGER");
        }
    }

    @Test
    void aRealReFireHasANewStartsAtAndIsAFlip() {
        Signal firing = Signals.critical("8c1f4b2a9d7e6f01");
        Signal again = Signal.newBuilder(firing).setStartsAt(T0.plusSeconds(120)).build();
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.send(firing).send(Signals.resolved(firing), T0.plusSeconds(60)).send(again, T0.plusSeconds(120))
                    .send(firing, T0.plusSeconds(130));

            Incident latest = harness.incidents().get(harness.incidents().size() - 1);
            assertThat(latest.getSignals()).singleElement().satisfies(ref -> {
                assertThat(ref.getStatus()).isEqualTo(SignalStatus.FIRING);
                assertThat(ref.getFlips()).as("the resolve and the re-fire; the older episode's resend is ignored").isEqualTo(2);
            });
        }
    }
}

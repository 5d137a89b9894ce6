package io.firebreak.streams;

import static io.firebreak.streams.Signals.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Stage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 through the real topology: the notifiers' receipts on firebreak.deliveries.v1 come back into the incident.
 * No receiver answers by itself here; each receipt is piped as a notifier would write it.
 */
class PagingFeedbackTest {

    private static TopologyHarness harness() {
        return TopologyHarness.silentReceivers(CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO)
                .pendingTimeout(Duration.ofSeconds(60)));
    }

    private static DeliveryReceipt refused(Notification trigger, int attempts, Instant at) {
        return DeliveryReceipt.newBuilder(TopologyHarness.accepted(trigger)).setOutcome("retrying").setHttpStatus(503)
                .setError("HTTP 503 from PagerDuty").setRef(null).setAttempts(attempts).setNextAttemptAt(at.plusSeconds(4)).setAt(at).build();
    }

    private static DeliveryReceipt accepted(Notification trigger, Instant at) {
        return DeliveryReceipt.newBuilder(TopologyHarness.accepted(trigger)).setAt(at).build();
    }

    @Test
    void anIncidentIsPagedOnlyOnceTheReceiptSaysPagerDutyAccepted() {
        try (TopologyHarness harness = harness()) {
            harness.send(Signals.critical("f1"));
            Notification page = harness.notifications("pagerduty").get(0);
            assertThat(harness.only().getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
            assertThat(harness.only().getTriggers()).extracting(t -> t.getReceiver()).containsExactly("pagerduty", "slack-war-room", "teams");

            harness.receipt(refused(page, 1, T0.plusSeconds(1)));
            Incident pending = harness.only();
            assertThat(pending.getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
            assertThat(pending.getTriggers().get(0).getAttempts()).isEqualTo(1);
            assertThat(pending.getTriggers().get(0).getNextAttemptAt()).isEqualTo(T0.plusSeconds(5));

            harness.receipt(accepted(page, T0.plusSeconds(6)));
            assertThat(harness.only().getStage()).isEqualTo(Stage.PAGED);
            assertThat(harness.only().getTriggers().get(0).getAcceptedAt()).isEqualTo(T0.plusSeconds(6));

            harness.receipt(accepted(harness.notifications("slack").get(0), T0.plusSeconds(6)));
            assertThat(harness.only().getStage()).isEqualTo(Stage.WAR_ROOM_OPEN);
            // no page was sent twice: acceptance changes the stage, it does not route the TRIGGERs again
            assertThat(harness.notifications("pagerduty")).extracting(Notification::getKind).containsExactly(NotificationKind.TRIGGER);
        }
    }

    @Test
    void aReceiptReadAgainPublishesNothing() {
        try (TopologyHarness harness = harness()) {
            harness.send(Signals.critical("f1"));
            DeliveryReceipt receipt = accepted(harness.notifications("pagerduty").get(0), T0.plusSeconds(1));
            harness.receipt(receipt);
            int versions = harness.incidents().size();
            int notifications = harness.notificationCount();

            harness.receipt(receipt).receipt(accepted(harness.notifications("pagerduty").get(0), T0.plusSeconds(30)));

            assertThat(harness.incidents()).hasSize(versions);
            assertThat(harness.notificationCount()).isEqualTo(notifications);
            assertThat(harness.only().getTimeline()).filteredOn(e -> e.getStage() == Stage.PAGED).hasSize(1);
        }
    }

    @Test
    void aPageNotAcceptedWithinTheTimeoutEscalatesOnceThroughTheWorkingChannels() {
        try (TopologyHarness harness = harness()) {
            harness.send(Signals.critical("f1"), T0);
            harness.receipt(accepted(harness.notifications("slack").get(0), T0.plusMillis(200)))
                    .receipt(accepted(harness.notifications("teams").get(0), T0.plusMillis(200)))
                    .receipt(refused(harness.notifications("pagerduty").get(0), 1, T0.plusSeconds(1)));

            harness.advance(Duration.ofSeconds(30));
            assertThat(harness.notifications("slack")).extracting(Notification::getKind).containsExactly(NotificationKind.TRIGGER);

            harness.advance(Duration.ofSeconds(31));
            assertThat(harness.notifications("slack")).extracting(Notification::getKind)
                    .containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
            assertThat(harness.notifications("slack").get(1).getSummary())
                    .startsWith("PagerDuty unreachable since 09:12:04 — incident " + harness.only().getId() + " is NOT paged");
            assertThat(harness.notifications("teams")).extracting(Notification::getKind)
                    .containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
            assertThat(harness.notifications("pagerduty")).hasSize(1);
            assertThat(harness.only().getTriggers().get(0).getEscalatedAt()).isNotNull();

            harness.advance(Duration.ofSeconds(120));
            assertThat(harness.notifications("slack")).hasSize(2);
        }
    }

    @Test
    void anEscalatedPageIsNoLongerWatchedEvenWhileTheIncidentKeepsChanging() {
        try (TopologyHarness harness = harness()) {
            harness.send(Signals.critical("f1"), T0);
            String id = harness.only().getId();
            harness.receipt(accepted(harness.notifications("slack").get(0), T0.plusMillis(200)))
                    .receipt(accepted(harness.notifications("teams").get(0), T0.plusMillis(200)))
                    .receipt(refused(harness.notifications("pagerduty").get(0), 1, T0.plusSeconds(1)));
            assertThat(harness.acceptanceRecheck(id)).as("the unaccepted page is watched").isPresent();

            harness.advance(Duration.ofSeconds(61));
            assertThat(harness.only().getTriggers().get(0).getEscalatedAt()).isNotNull();
            // a storm goes on joining the incident: each change re-syncs the watches, and an escalated trigger, though
            // still unaccepted, must not put the incident back on the tick's list (a re-check per interval, forever)
            harness.send(Signals.critical("f2"), T0.plusSeconds(62)).send(Signals.critical("f3"), T0.plusSeconds(63));

            assertThat(harness.acceptanceRecheck(id)).isEmpty();
            assertThat(harness.only().getTriggers().get(0).getAcceptedAt()).isNull();
        }
    }

    @Test
    void aPageTheNotifierGaveUpOnEscalatesAtTheNextTickNotAfterThePendingTimeout() {
        try (TopologyHarness harness = harness()) {
            harness.send(Signals.critical("f1"), T0);
            harness.receipt(accepted(harness.notifications("slack").get(0), T0.plusMillis(200)))
                    .receipt(accepted(harness.notifications("teams").get(0), T0.plusMillis(200)));
            Notification page = harness.notifications("pagerduty").get(0);
            harness.receipt(DeliveryReceipt.newBuilder(refused(page, 5, T0.plusSeconds(2))).setOutcome("dead_lettered")
                    .setNextAttemptAt(null).build());

            harness.advance(Duration.ofSeconds(2)); // well inside the 60 s pending timeout

            assertThat(harness.notifications("slack")).extracting(Notification::getKind)
                    .containsExactly(NotificationKind.TRIGGER, NotificationKind.UPDATE);
            assertThat(harness.only().getTriggers().get(0).getEscalatedAt()).isNotNull();
        }
    }
}

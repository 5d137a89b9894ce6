package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Receiver;
import io.firebreak.core.routing.Matcher;
import io.firebreak.core.routing.Route;
import io.firebreak.core.routing.RouteTable;
import io.firebreak.events.DeliveryReceipt;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.events.Stage;
import io.firebreak.events.TimelineEntry;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.CorrelationSettingsBuilder;
import io.firebreak.streams.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 17 as plain decisions: PAGED on acceptance, a pending page's attempts, repeats ignored, escalation after the timeout. */
class PagingDecisionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:12:03Z");
    private static final String ID = "oci-fra-1.20261201.0042";

    private final IncidentDecider decider;

    PagingDecisionsTest() {
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO)
                .pendingTimeout(Duration.ofSeconds(60)).build();
        decider = new IncidentDecider(settings, new Router(settings.routes()), NoEvidence.INSTANCE);
    }

    private Decision opened() {
        Signal signal = critical();
        return decider.open(ID, GroupKey.of(signal, List.of("cluster", "service")), signal, false, Optional.empty(), T0);
    }

    private static Signal critical() {
        return Signal.newBuilder().setId("s1").setFingerprint("f1").setSource(SignalSource.ALERTMANAGER)
                .setStatus(SignalStatus.FIRING).setSeverity(Severity.CRITICAL).setCluster("oci-fra-1").setService("trade-engine")
                .setAlertName("TradeEngineDown").setSummary("down").setLabels(Map.of()).setAnnotations(Map.of())
                .setStartsAt(T0).setReceivedAt(T0).build();
    }

    private static DeliveryReceipt receipt(String receiver, String outcome, int attempts, Instant at) {
        return DeliveryReceipt.newBuilder().setNotificationId(ID + ":" + receiver + ":trigger").setIncidentId(ID)
                .setChannel(receiver.startsWith("slack") ? "slack" : receiver).setReceiver(receiver).setKind(NotificationKind.TRIGGER)
                .setOutcome(outcome).setHttpStatus("retrying".equals(outcome) ? 503 : 202).setAttempts(attempts)
                .setError("retrying".equals(outcome) ? "HTTP 503 from PagerDuty" : null)
                .setNextAttemptAt("retrying".equals(outcome) ? at.plusSeconds(4) : null)
                .setRef("delivered".equals(outcome) ? ID : null).setAt(at).build();
    }

    private Incident apply(Incident incident, DeliveryReceipt receipt) {
        return decider.receipt(incident, receipt).orElseThrow().incident();
    }

    @Test
    void pagedIsEnteredWhenPagerDutyAcceptsNotWhenRoutingDecides() {
        Incident decided = opened().incident();
        assertThat(decided.getTimeline()).extracting(TimelineEntry::getStage).doesNotContain(Stage.PAGED);

        Incident accepted = apply(decided, receipt("pagerduty", "delivered", 1, T0.plusMillis(300)));

        assertThat(accepted.getStage()).isEqualTo(Stage.PAGED);
        assertThat(accepted.getTriggers()).filteredOn(t -> t.getReceiver().equals("pagerduty"))
                .singleElement().satisfies(t -> assertThat(t.getAcceptedAt()).isEqualTo(T0.plusMillis(300)));
        assertThat(accepted.getTimeline()).filteredOn(e -> e.getStage() == Stage.PAGED).singleElement()
                .satisfies(e -> assertThat(e.getAt()).isEqualTo(T0.plusMillis(300)));
    }

    @Test
    void aRefusedPageStaysPendingWithAttemptsLastErrorAndNextAttempt() {
        Incident incident = opened().incident();
        incident = apply(incident, receipt("pagerduty", "retrying", 1, T0.plusSeconds(1)));
        incident = apply(incident, receipt("pagerduty", "retrying", 2, T0.plusSeconds(5)));

        assertThat(incident.getStage()).isEqualTo(Stage.SLO_BURN_ANALYZED);
        assertThat(incident.getTriggers()).filteredOn(t -> t.getReceiver().equals("pagerduty")).singleElement().satisfies(t -> {
            assertThat(t.getAttempts()).isEqualTo(2);
            assertThat(t.getLastError()).isEqualTo("HTTP 503 from PagerDuty");
            assertThat(t.getNextAttemptAt()).isEqualTo(T0.plusSeconds(9));
            assertThat(t.getFailingSince()).isEqualTo(T0.plusSeconds(1));
            assertThat(t.getAcceptedAt()).isNull();
        });
        // one entry for the first refusal, not one per attempt
        assertThat(incident.getTimeline()).filteredOn(e -> e.getCause().startsWith("pagerduty did not accept")).hasSize(1);
    }

    @Test
    void timelineReadsDecidedThenAttemptedThenAccepted() {
        Incident incident = opened().incident();
        incident = apply(incident, receipt("pagerduty", "retrying", 1, T0.plusSeconds(1)));
        incident = apply(incident, receipt("pagerduty", "delivered", 3, T0.plusSeconds(190)));

        List<String> causes = incident.getTimeline().stream().map(TimelineEntry::getCause)
                .filter(c -> c.contains("pagerduty") && !c.startsWith("notified")).toList();
        assertThat(causes).hasSize(3);
        assertThat(causes.get(0)).startsWith("page decided: pagerduty");
        assertThat(causes.get(1)).startsWith("pagerduty did not accept the page: HTTP 503");
        assertThat(causes.get(2)).startsWith("paged via pagerduty at CRITICAL: accepted after 2 failed attempts");
    }

    @Test
    void aReceiptReadAgainChangesNothing() {
        Incident accepted = apply(opened().incident(), receipt("pagerduty", "delivered", 1, T0.plusMillis(300)));

        assertThat(decider.receipt(accepted, receipt("pagerduty", "delivered", 1, T0.plusMillis(300)))).isEmpty();
        // a notifier re-delivering after a crash: a second "delivered" for the same trigger
        assertThat(decider.receipt(accepted, receipt("pagerduty", "delivered", 1, T0.plusSeconds(40)))).isEmpty();
        // a late report of a failed attempt that came before the acceptance
        assertThat(decider.receipt(accepted, receipt("pagerduty", "retrying", 1, T0.plusMillis(100)))).isEmpty();
    }

    @Test
    void anUnacceptedPageEscalatesAfterTheTimeoutThroughTheReceiversThatWork() {
        Incident incident = opened().incident();
        incident = apply(incident, receipt("slack-war-room", "delivered", 1, T0.plusMillis(200)));
        incident = apply(incident, receipt("teams", "delivered", 1, T0.plusMillis(200)));
        incident = apply(incident, receipt("pagerduty", "retrying", 1, T0.plusSeconds(1)));

        assertThat(decider.escalate(incident, T0.plusSeconds(59))).isEmpty();
        Decision escalated = decider.escalate(incident, T0.plusSeconds(60)).orElseThrow();

        assertThat(escalated.urgent()).isTrue();
        assertThat(escalated.notifications()).extracting(n -> n.getReceiver() + ":" + n.getKind())
                .containsExactlyInAnyOrder("slack-war-room:UPDATE", "teams:UPDATE");
        assertThat(escalated.notifications()).extracting(Notification::getSummary).allSatisfy(summary -> assertThat(summary)
                .isEqualTo("PagerDuty unreachable since 09:12:04 — incident " + ID
                        + " is NOT paged (1 failed attempt, last: HTTP 503 from PagerDuty)"));
        assertThat(escalated.incident().getTimeline()).last().satisfies(e -> assertThat(e.getKind()).isEqualTo("escalation"));
        // escalated once: the next tick finds nothing due
        assertThat(decider.escalate(escalated.incident(), T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void theRoutesFallbackReceiverIsTriggeredOnlyWhenThePageIsNotAcceptedInTime() {
        RouteTable routes = new RouteTable(List.of(new Route(List.of(Matcher.equal("severity", "CRITICAL")),
                List.of(Receiver.PAGERDUTY, Receiver.TEAMS), false, Optional.empty(), List.of(Receiver.SLACK_WAR_ROOM))));
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).routes(routes).build();
        IncidentDecider withFallback = new IncidentDecider(settings, new Router(routes), NoEvidence.INSTANCE);
        Signal signal = Signal.newBuilder(critical()).build();
        Decision opened = withFallback.open(ID, GroupKey.of(signal, List.of("cluster", "service")), signal, false, Optional.empty(), T0);
        assertThat(opened.notifications()).extracting(Notification::getReceiver).containsExactly("pagerduty", "teams");

        Decision escalated = withFallback.escalate(opened.incident(), T0.plusSeconds(60)).orElseThrow();

        // and the page nobody reported on is sent again (next test)
        assertThat(escalated.notifications()).filteredOn(n -> n.getKind() == NotificationKind.TRIGGER)
                .extracting(Notification::getReceiver).containsExactlyInAnyOrder("slack-war-room", "pagerduty");
        assertThat(escalated.incident().getPagedReceivers()).contains("slack-war-room");
        assertThat(escalated.incident().getTriggers()).extracting(t -> t.getReceiver()).contains("slack-war-room");
    }

    @Test
    void aPageNoNotifierEverReportedOnIsSentAgainWithTheSameIdWhenItEscalates() {
        Incident incident = opened().incident();
        incident = apply(incident, receipt("slack-war-room", "delivered", 1, T0.plusMillis(200)));
        incident = apply(incident, receipt("teams", "delivered", 1, T0.plusMillis(200)));

        Decision escalated = decider.escalate(incident, T0.plusSeconds(60)).orElseThrow();

        assertThat(escalated.notifications()).filteredOn(n -> n.getReceiver().equals("pagerduty")).singleElement().satisfies(page -> {
            assertThat(page.getKind()).isEqualTo(NotificationKind.TRIGGER);
            assertThat(page.getId()).as("PagerDuty folds it into a page it already has").isEqualTo(ID + ":pagerduty:trigger");
        });
        assertThat(escalated.notifications()).extracting(n -> n.getReceiver() + ":" + n.getKind())
                .contains("slack-war-room:UPDATE", "teams:UPDATE");
        // sent again once: the next tick finds nothing due
        assertThat(decider.escalate(escalated.incident(), T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void aPageGivenUpOnEscalatesAtOnce() {
        Incident incident = opened().incident();
        DeliveryReceipt dead = DeliveryReceipt.newBuilder(receipt("pagerduty", "dead_lettered", 120, T0.plusSeconds(10)))
                .setError("HTTP 400 invalid routing key").setHttpStatus(400).build();
        incident = apply(incident, dead);

        Decision escalated = decider.escalate(incident, T0.plusSeconds(11)).orElseThrow();
        assertThat(escalated.incident().getTimeline()).last().satisfies(e -> assertThat(e.getCause())
                .startsWith("PagerDuty gave up at 09:12:13 — incident " + ID + " is NOT paged"));
    }
}

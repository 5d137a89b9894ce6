package io.firebreak.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.core.channel.Channel;
import io.firebreak.events.Incident;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.streams.CorrelationSettings;
import io.firebreak.streams.CorrelationSettingsBuilder;
import io.firebreak.streams.lifecycle.Notice;
import io.firebreak.streams.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * What the incident processor's output asks of Kafka Streams: a page must not wait for the commit interval (the
 * notifiers read committed records only), a routine update may.
 */
class IncidentOutputTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:03Z");

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private final IncidentOutput output = new IncidentOutput(context, "incidents-sink", "signals-sink",
            Stream.of(Channel.values()).collect(Collectors.toMap(Channel::id, channel -> "notify-" + channel.id(), (a, b) -> a)));
    private final IncidentDecider decider = decider();

    private static IncidentDecider decider() {
        CorrelationSettings settings = CorrelationSettingsBuilder.defaults().enrichmentWait(Duration.ZERO).build();
        return new IncidentDecider(settings, new Router(settings.routes()), NoEvidence.INSTANCE);
    }

    private Decision opened(Severity severity) {
        Signal first = Signal.newBuilder().setId("s-1").setFingerprint("f1").setSource(SignalSource.ALERTMANAGER)
                .setStatus(SignalStatus.FIRING).setSeverity(severity).setCluster("oci-fra-1").setService("trade-engine")
                .setAlertName("TradeEngineHighLatency").setLabels(Map.of()).setAnnotations(Map.of()).setStartsAt(T0).setReceivedAt(T0).build();
        return decider.open("oci-fra-1.20261128.0001", GroupKey.of(first, List.of("cluster", "service")), first, false, Optional.empty(), T0);
    }

    @Test
    void aPageDecidedAsItsInputArrivesAsksForTheTransactionToBeCommittedNow() {
        Decision paged = opened(Severity.CRITICAL);
        context.setCurrentSystemTimeMs(T0.toEpochMilli() + 40);

        output.notifications(paged.incident(), paged.notifications(), T0.toEpochMilli());

        assertThat(context.forwarded()).extracting(forward -> ((Notification) forward.record().value()).getKind())
                .contains(NotificationKind.TRIGGER);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void pagesOfABacklogOrOfABurstWaitForTheCommitInterval() {
        Decision paged = opened(Severity.CRITICAL);
        long decided = T0.toEpochMilli();
        context.setCurrentSystemTimeMs(decided + IncidentOutput.FRESH_MS + 1);
        output.notifications(paged.incident(), paged.notifications(), decided);
        assertThat(context.committed()).as("input older than the freshness bound").isFalse();

        context.setCurrentSystemTimeMs(decided + 10);
        output.notifications(paged.incident(), paged.notifications(), decided);
        assertThat(context.committed()).isTrue();
        context.resetCommit();
        context.setCurrentSystemTimeMs(decided + 10 + IncidentOutput.EARLY_COMMIT_SPACING_MS - 1);
        output.notifications(paged.incident(), paged.notifications(), decided);
        assertThat(context.committed()).as("a second page within the spacing").isFalse();
        context.setCurrentSystemTimeMs(decided + 10 + IncidentOutput.EARLY_COMMIT_SPACING_MS);
        output.notifications(paged.incident(), paged.notifications(), decided);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void firstNotificationsThatPageNobodyWaitForTheCommitInterval() {
        Decision posted = opened(Severity.HIGH);
        context.setCurrentSystemTimeMs(T0.toEpochMilli() + 10);

        output.notifications(posted.incident(), posted.notifications(), T0.toEpochMilli());

        assertThat(context.forwarded()).extracting(forward -> ((Notification) forward.record().value()).getKind())
                .isNotEmpty().containsOnly(NotificationKind.TRIGGER);
        assertThat(context.forwarded()).extracting(forward -> forward.childName().orElseThrow()).doesNotContain("notify-pagerduty");
        assertThat(context.committed()).as("a storm of warnings must not commit per incident it opens").isFalse();
    }

    @Test
    void routineUpdatesWaitForTheCommitInterval() {
        Incident paged = opened(Severity.HIGH).incident();
        Decision update = decider.publishHeld(paged, Notice.UPDATE, T0.plusSeconds(2));
        context.setCurrentSystemTimeMs(T0.plusSeconds(2).toEpochMilli());

        output.notifications(update.incident(), update.notifications(), T0.plusSeconds(2).toEpochMilli());
        output.incident(update.incident(), T0.plusSeconds(2).toEpochMilli());

        assertThat(context.forwarded()).extracting(forward -> forward.childName().orElseThrow())
                .contains("notify-slack", "notify-teams", "incidents-sink");
        assertThat(context.committed()).isFalse();
    }
}

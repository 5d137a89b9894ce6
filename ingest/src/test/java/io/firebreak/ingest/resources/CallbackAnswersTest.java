package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.Incident;
import io.firebreak.events.LifecycleAction;
import io.firebreak.events.LifecycleCommand;
import io.firebreak.ingest.IncidentLookup;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.api.CommandAccepted;
import io.firebreak.ingest.callbacks.CallbackOutcome;
import io.firebreak.ingest.http.IngestMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a verified callback asks the read model about its incident: once when it is known, briefly again when not yet. */
class CallbackAnswersTest {

    private static final String INCIDENT = "oci-fra-1.20261128.0042";
    private static final Logger LOG = LoggerFactory.getLogger(CallbackAnswersTest.class);
    /** Far longer than the test needs: an answer that waits it out is plainly seen. */
    private static final Duration LAG = Duration.ofSeconds(5);

    private final RecordingSink sink = new RecordingSink();
    private final Intake intake = new Intake(sink, new JsonBodies(), new IngestMetrics(new PrometheusRegistry()).endpoint("pagerduty"));

    @Test
    void anIncidentTheReadModelKnowsIsLookedUpOnce() {
        AtomicInteger lookups = new AtomicInteger();
        IncidentLookup readModel = id -> {
            lookups.incrementAndGet();
            return Optional.of(openedAt(Instant.parse("2026-11-28T09:00:00Z")));
        };

        CommandAccepted answer = CallbackAnswers.apply(acknowledgement(), readModel, LAG, intake, LOG, "pagerduty");

        assertThat(answer.ignored()).isNull();
        assertThat(sink.written()).hasSize(1);
        assertThat(lookups).as("one lookup answers both 'known?' and 'opened when?'").hasValue(1);
    }

    @Test
    void anIncidentReachingTheReadModelAMomentLaterIsWrittenAsSoonAsItArrives() {
        AtomicInteger lookups = new AtomicInteger();
        IncidentLookup trailing = id -> lookups.incrementAndGet() < 3 ? Optional.empty() : Optional.of(openedAt(Instant.parse("2026-11-28T09:00:00Z")));
        long start = System.nanoTime();

        CommandAccepted answer = CallbackAnswers.apply(acknowledgement(), trailing, LAG, intake, LOG, "pagerduty");

        assertThat(answer.ignored()).isNull();
        assertThat(sink.written()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered when the incident arrived, not after the whole wait")
                .isLessThan(LAG.dividedBy(2));
    }

    @Test
    void anIncidentTheReadModelNeverLearnsIsIgnoredAfterTheWait() {
        Duration shortLag = Duration.ofMillis(100);
        long start = System.nanoTime();

        CommandAccepted answer = CallbackAnswers.apply(acknowledgement(), id -> Optional.empty(), shortLag, intake, LOG, "pagerduty");

        assertThat(answer.ignored()).isEqualTo("unknown incident " + INCIDENT);
        assertThat(sink.written()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(shortLag);
    }

    @Test
    void withoutAReadModelTheCommandIsWrittenAtOnce() {
        CommandAccepted answer = CallbackAnswers.apply(acknowledgement(), IncidentLookup.NONE, LAG, intake, LOG, "pagerduty");

        assertThat(answer.ignored()).isNull();
        assertThat(sink.written()).hasSize(1);
    }

    private static Incident openedAt(Instant at) {
        Incident incident = new Incident();
        incident.setOpenedAt(at);
        return incident;
    }

    private static CallbackOutcome acknowledgement() {
        return CallbackOutcome.command(LifecycleCommand.newBuilder().setId("pd-1").setIncidentId(INCIDENT).setCluster("oci-fra-1")
                .setAction(LifecycleAction.ACK).setActor("Dana Keller").setOrigin("pagerduty").setAt(Instant.parse("2026-11-28T09:16:41Z"))
                .build());
    }
}

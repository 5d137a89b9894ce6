package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.LogRecord;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.firebreak.slo.logalerts.LogAlertRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logAlerts:} wired into the SLO engine: log lines in, firing and resolved Signals out, with no SLO configured. */
class LogAlertTopologyTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final LogAlertRule RISK_LIMIT = new LogAlertRule("RiskLimitRejections", Optional.of("risk-service"),
            Map.of("status", List.of("RISK_LIMIT")), 50, Duration.ofMinutes(5), Severity.HIGH);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, LogRecord> logs;
    private TestOutputTopic<String, Signal> signals;
    private Instant now = START;

    @BeforeEach
    void start() {
        SloSettings settings = SloSettings.of(List.of()).withLogAlerts(List.of(RISK_LIMIT));
        Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
        driver = new TopologyTestDriver(SloTopology.build(settings, serdes),
                SloTopology.streamsProperties("unused:9092", "log-alert-test", stateDir, 1), START);
        logs = driver.createInputTopic(Topics.LOGS.name(), new StringSerializer(), serdes.value(Topics.LOGS).serializer());
        signals = driver.createOutputTopic(Topics.SIGNALS.name(), new StringDeserializer(), serdes.value(Topics.SIGNALS).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** {@code count} lines of {@code service} with {@code status}, stamped now, each with its own id (prefix + index). */
    private void lines(String service, String status, int count, String idPrefix) {
        for (int i = 0; i < count; i++) {
            logs.pipeInput(service, LogRecord.newBuilder().setService(service).setCluster("oci-fra-1").setAt(now.plusMillis(i))
                    .setStatus(status).setMessage("order rejected").setId(idPrefix + i).build(), now.plusMillis(i));
        }
    }

    private void advance(Duration by) {
        now = now.plus(by);
        driver.advanceWallClockTime(by);
    }

    @Test
    void sixtyMatchingLinesFireOneSignalThatResolvesWhenTheWindowEmpties() {
        lines("risk-service", "RISK_LIMIT", 60, "a-");

        List<Signal> fired = signals.readValuesToList();
        assertThat(fired).hasSize(1);
        Signal firing = fired.get(0);
        assertThat(List.<Object>of(firing.getSource(), firing.getStatus(), firing.getSeverity(), firing.getAlertName(), firing.getCluster(),
                firing.getService(), firing.getFingerprint())).containsExactly(SignalSource.LOGS, SignalStatus.FIRING, Severity.HIGH,
                "RiskLimitRejections", "oci-fra-1", "risk-service", "logs:RiskLimitRejections:oci-fra-1:risk-service");
        assertThat(firing.getLabels()).containsEntry("rule", "RiskLimitRejections").containsEntry("severity", "high");
        assertThat(firing.getSummary()).isEqualTo("RiskLimitRejections: 50 lines with status=\"RISK_LIMIT\" in 5m on risk-service");
        // the 50th line, stamped 49 ms after the clock's time, counts at the clock's time
        assertThat(firing.getStartsAt()).isEqualTo(START);

        advance(Duration.ofMinutes(2));
        lines("risk-service", "RISK_LIMIT", 10, "b-");
        assertThat(signals.isEmpty()).as("still above the threshold: nothing more").isTrue();

        advance(Duration.ofMinutes(4)); // the first 60 lines left the window; 10 remain
        List<Signal> resolved = signals.readValuesToList();
        assertThat(resolved).singleElement().satisfies(signal -> {
            assertThat(signal.getStatus()).isEqualTo(SignalStatus.RESOLVED);
            assertThat(signal.getFingerprint()).isEqualTo(firing.getFingerprint());
            assertThat(signal.getStartsAt()).isEqualTo(firing.getStartsAt());
        });
    }

    @Test
    void fortyLinesOtherStatusesAndOtherServicesStayQuiet() {
        lines("risk-service", "RISK_LIMIT", 40, "a-");
        lines("risk-service", "FILLED", 100, "b-");
        lines("trade-engine", "RISK_LIMIT", 100, "c-");
        advance(Duration.ofMinutes(1));

        assertThat(signals.isEmpty()).isTrue();
    }

    @Test
    void aResentLineCountsOnce() {
        lines("risk-service", "RISK_LIMIT", 40, "a-");
        lines("risk-service", "RISK_LIMIT", 40, "a-"); // Fluent Bit retried the same request

        assertThat(signals.isEmpty()).isTrue();
        lines("risk-service", "RISK_LIMIT", 10, "new-");
        assertThat(signals.readValuesToList()).singleElement().satisfies(s -> assertThat(s.getStatus()).isEqualTo(SignalStatus.FIRING));
    }

    @Test
    void linesFromAnHourAgoDoNotFire() {
        advance(Duration.ofHours(1));
        Instant replayed = now;
        now = now.minus(Duration.ofHours(1));
        lines("risk-service", "RISK_LIMIT", 200, "old-");
        now = replayed;
        advance(Duration.ofSeconds(20));

        assertThat(signals.isEmpty()).isTrue();
    }
}

package io.firebreak.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.events.BurnRate;
import io.firebreak.events.LogRecord;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.registry.InMemorySchemaRegistryClient;
import io.firebreak.slo.config.Indicator;
import io.firebreak.slo.config.SloDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloTopologyTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final SloDefinition LATENCY = SloDefinition.ofLogs("trade_execution_latency", "trade-engine", 99.9,
            new Indicator.Latency(Duration.ofMillis(10), Optional.of(99.0), "latency_ms"));

    @TempDir
    Path stateDir;
    private final AtomicLong dropped = new AtomicLong();
    private TopologyTestDriver driver;
    private TestInputTopic<String, LogRecord> logs;
    private TestOutputTopic<String, BurnRate> burn;
    private TestOutputTopic<String, Signal> signals;
    private Instant now = START;

    @BeforeEach
    void start() {
        SloSettings settings = SloSettings.of(List.of(LATENCY)).withObserver((slo, service, count) -> dropped.addAndGet(count));
        Serdes serdes = new Serdes(new InMemorySchemaRegistryClient());
        driver = new TopologyTestDriver(SloTopology.build(settings, serdes),
                SloTopology.streamsProperties("unused:9092", "slo-test", stateDir, 1), START);
        logs = driver.createInputTopic(Topics.LOGS.name(), new StringSerializer(), serdes.value(Topics.LOGS).serializer());
        burn = driver.createOutputTopic(Topics.BURN.name(), new StringDeserializer(), serdes.value(Topics.BURN).deserializer());
        signals = driver.createOutputTopic(Topics.SIGNALS.name(), new StringDeserializer(), serdes.value(Topics.SIGNALS).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void log(Instant at, double latencyMs) {
        logs.pipeInput("trade-engine", LogRecord.newBuilder().setService("trade-engine").setCluster("oci-fra-1").setAt(at)
                .setStatus("FILLED").setLatencyMs(latencyMs).build(), at);
    }

    /** One minute of traffic stamped "now", then the clock moves a minute (and the punctuator runs). */
    private void minutes(int count, int good, int slow) {
        for (int m = 0; m < count; m++) {
            for (int i = 0; i < good; i++) {
                log(now.plusMillis(i), 3.5);
            }
            for (int i = 0; i < slow; i++) {
                log(now.plusMillis(good + i), 48.0);
            }
            advance(Duration.ofMinutes(1));
        }
    }

    private void advance(Duration by) {
        now = now.plus(by);
        driver.advanceWallClockTime(by);
    }

    private BurnRate latestBurn() {
        List<BurnRate> all = burn.readValuesToList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    @Test
    void latencyRegressionPagesOnceAndResolvesOnceWhenItEnds() {
        minutes(20, 50, 0);
        BurnRate healthy = latestBurn();
        assertThat(healthy.getAlert()).isEqualTo("none");
        assertThat(healthy.getRates()).containsEntry("5m", 0.0).containsEntry("1h", 0.0);
        assertThat(healthy.getBudgetRemaining()).isEqualTo(1.0);
        assertThat(signals.isEmpty()).isTrue();

        minutes(1, 0, 50); // the regression: every order slower than 10 ms
        List<Signal> fired = signals.readValuesToList();
        assertThat(fired).filteredOn(s -> s.getFingerprint().equals("slo:trade_execution_latency:page")).singleElement().satisfies(page -> {
            assertThat(page.getStatus()).isEqualTo(SignalStatus.FIRING);
            assertThat(page.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(page.getSource()).isEqualTo(SignalSource.SLO);
            assertThat(page.getSlo()).isEqualTo("trade_execution_latency");
            assertThat(page.getService()).isEqualTo("trade-engine");
            assertThat(page.getCluster()).isEqualTo("oci-fra-1");
            assertThat(page.getSummary()).matches("trade_execution_latency burning error budget [0-9.]+x \\(1h\\) / [0-9.]+x \\(5m\\)");
            assertThat(page.getLabels()).containsEntry("alertname", "SloErrorBudgetBurn").containsEntry("severity", "critical")
                    .containsEntry("window", "1h/5m").containsEntry("slo", "trade_execution_latency");
        });
        BurnRate burning = latestBurn();
        assertThat(burning.getAlert()).isEqualTo("page");
        assertThat(burning.getRates().get("5m")).isGreaterThan(14.4);
        assertThat(burning.getRates().get("1h")).isGreaterThan(14.4);
        assertThat(burning.getBudgetRemaining()).isLessThan(1.0);

        minutes(5, 0, 50); // still regressed: no repeated signals
        assertThat(signals.readValuesToList()).noneMatch(s -> s.getFingerprint().endsWith(":page"));

        minutes(40, 50, 0); // fixed: the 5m and then the 30m window recover
        List<Signal> after = signals.readValuesToList();
        assertThat(after).filteredOn(s -> s.getFingerprint().endsWith(":page")).singleElement().satisfies(resolved -> {
            assertThat(resolved.getStatus()).isEqualTo(SignalStatus.RESOLVED);
            assertThat(resolved.getEndsAt()).isNotNull();
            assertThat(resolved.getStartsAt()).isEqualTo(START.plus(Duration.ofMinutes(21)));
        });
        assertThat(latestBurn().getAlert()).isNotEqualTo("page");
    }

    @Test
    void ticketFiresAndResolvesOnItsOwnFingerprint() {
        minutes(20, 50, 0);
        minutes(6, 0, 50);
        List<Signal> fired = signals.readValuesToList();
        assertThat(fired).extracting(Signal::getFingerprint)
                .containsExactlyInAnyOrder("slo:trade_execution_latency:page", "slo:trade_execution_latency:ticket");
        assertThat(fired).filteredOn(s -> s.getFingerprint().endsWith(":ticket")).singleElement()
                .satisfies(ticket -> assertThat(ticket.getSeverity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void quietServiceAfterAnIncidentKeepsThePageUntilTrafficShowsRecovery() {
        minutes(20, 50, 0);
        minutes(3, 0, 50);
        signals.readValuesToList();
        minutes(10, 0, 0); // the service stopped logging: short windows empty, the page must not resolve
        assertThat(signals.isEmpty()).isTrue();
        assertThat(latestBurn().getAlert()).isEqualTo("page");
    }

    @Test
    void windowsIncludeTheirOldestMinuteBucketAndNothingBefore() {
        advance(Duration.ofSeconds(30)); // 12:00:30; the 5m window is the buckets 11:56..12:00
        log(Instant.parse("2026-11-28T11:56:00Z"), 1.0);
        log(Instant.parse("2026-11-28T11:55:59.999Z"), 99.0);
        advance(Duration.ofSeconds(10));
        BurnRate rates = latestBurn();
        assertThat(rates.getRates().get("5m")).isEqualTo(0.0);
        assertThat(rates.getRates().get("30m")).isCloseTo(500.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void emptyWindowsAreAbsentNotZeroAndNotFullyBad() {
        minutes(1, 10, 0);
        advance(Duration.ofMinutes(10));
        BurnRate rates = latestBurn();
        assertThat(rates.getRates()).doesNotContainKey("5m").containsKeys("30m", "1h", "2h", "6h", "24h", "3d");
        assertThat(rates.getAlert()).isEqualTo("none");
    }

    @Test
    void lateEventsWithinGraceCountAndLaterOnesAreDropped() {
        minutes(10, 10, 0);
        log(now.minus(Duration.ofMinutes(3)), 1.0); // its bucket closed 2 minutes ago: within the 5 minute grace
        log(now.minus(Duration.ofMinutes(7)), 1.0); // closed 6 minutes ago: too late
        advance(Duration.ofSeconds(10));
        BurnRate counted = latestBurn();
        assertThat(counted.getTotalEvents()).isEqualTo(101);
        assertThat(counted.getGoodEvents()).isEqualTo(101);
        assertThat(dropped.get()).isEqualTo(1);
    }

    @Test
    void noEventsMeansNoBurnRateAndNoAlert() {
        advance(Duration.ofMinutes(5));
        assertThat(burn.isEmpty()).isTrue();
        assertThat(signals.isEmpty()).isTrue();
    }

    @Test
    void recordsWithoutALatencyAreNotEventsOfALatencySlo() {
        for (int i = 0; i < 20; i++) {
            logs.pipeInput("trade-engine", LogRecord.newBuilder().setService("trade-engine").setAt(now).setMessage("started")
                    .setFields(Map.of("phase", "boot")).build(), now);
        }
        log(now, 2.0);
        advance(Duration.ofSeconds(10));
        BurnRate latest = latestBurn();
        assertThat(latest.getTotalEvents()).isEqualTo(1);
        assertThat(latest.getCluster()).isEqualTo("oci-fra-1");
    }

    @Test
    void aLineSentAgainCountsOnceAndLinesWithoutAnIdEachCount() {
        LogRecord stamped = LogRecord.newBuilder().setId("line-1").setService("trade-engine").setAt(now).setLatencyMs(2.0).build();
        logs.pipeInput("trade-engine", stamped, now);
        logs.pipeInput("trade-engine", stamped, now.plusSeconds(30)); // the shipper's retry
        LogRecord unstamped = LogRecord.newBuilder().setService("trade-engine").setAt(now).setLatencyMs(2.0).build();
        logs.pipeInput("trade-engine", unstamped, now);
        logs.pipeInput("trade-engine", unstamped, now);
        advance(Duration.ofSeconds(10));

        assertThat(latestBurn().getTotalEvents()).isEqualTo(3);
    }

    @Test
    void otherServicesLogsAreIgnored() {
        logs.pipeInput("order-router", LogRecord.newBuilder().setService("order-router").setAt(now).setLatencyMs(99.0).build(), now);
        advance(Duration.ofSeconds(10));
        assertThat(burn.isEmpty()).isTrue();
    }
}

package io.firebreak.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.ingest.api.AlertmanagerPayload.Alert;
import io.firebreak.ingest.api.AlertmanagerPayload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerSignalMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:13:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final AlertmanagerSignalMapper mapper = new AlertmanagerSignalMapper(new Arrival("default-cluster", Clock.fixed(NOW, ZoneOffset.UTC)));

    static AlertmanagerPayload sample(String name) throws IOException {
        try (InputStream in = AlertmanagerSignalMapperTest.class.getResourceAsStream("/" + name)) {
            return JSON.readValue(in, AlertmanagerPayload.class);
        }
    }

    @Test
    void firingSampleBecomesOneSignalPerAlert() throws IOException {
        List<Signal> signals = mapper.map(sample("alertmanager-firing.json"));

        assertThat(signals).hasSize(2);
        Signal first = signals.get(0);
        assertThat(first.getFingerprint()).isEqualTo("8c1f4b2a9d7e6f01");
        assertThat(first.getSource()).isEqualTo(SignalSource.ALERTMANAGER);
        assertThat(first.getStatus()).isEqualTo(SignalStatus.FIRING);
        assertThat(first.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.getCluster()).isEqualTo("oci-fra-1");
        assertThat(first.getService()).isEqualTo("trade-engine");
        assertThat(first.getAlertName()).isEqualTo("TradeEngineHighLatency");
        assertThat(first.getSummary()).isEqualTo("trade-engine p99 order latency above 250ms");
        assertThat(first.getDescription()).startsWith("p99 latency of /v1/orders is 412ms");
        assertThat(first.getRunbookUrl()).isEqualTo("https://runbooks.example.internal/trade-engine/high-latency");
        assertThat(first.getGeneratorUrl()).startsWith("https://prometheus.oci-fra-1.example.internal/graph?g0.expr=");
        assertThat(first.getReceiver()).isEqualTo("firebreak");
        assertThat(first.getGroupKey()).isEqualTo("{}:{alertname=\"TradeEngineHighLatency\", cluster=\"oci-fra-1\", service=\"trade-engine\"}");
        assertThat(first.getLabels()).containsEntry("pod", "trade-engine-7d9f6c5b8-x2k4p").containsEntry("team", "trading-core");
        assertThat(first.getAnnotations()).containsKeys("summary", "description", "runbook_url");
        assertThat(first.getStartsAt()).isEqualTo(Instant.parse("2026-11-28T09:12:03.512Z"));
        assertThat(first.getEndsAt()).as("zero time means not set").isNull();
        assertThat(first.getReceivedAt()).isEqualTo(NOW);
        assertThat(signals.get(1).getFingerprint()).isEqualTo("3e77a0c4d1b95f2a");
    }

    @Test
    void resolvedSampleCarriesResolutionTime() throws IOException {
        List<Signal> signals = mapper.map(sample("alertmanager-resolved.json"));

        assertThat(signals).extracting(Signal::getStatus).containsOnly(SignalStatus.RESOLVED);
        assertThat(signals.get(0).getEndsAt()).isEqualTo(Instant.parse("2026-11-28T09:41:18.207Z"));
        assertThat(signals.get(1).getEndsAt()).isEqualTo(Instant.parse("2026-11-28T09:40:48.199Z"));
    }

    @Test
    void redeliveredAlertKeepsItsIdButResolutionGetsANewOne() throws IOException {
        AlertmanagerSignalMapper later = new AlertmanagerSignalMapper(new Arrival("default-cluster", Clock.fixed(NOW.plusSeconds(300), ZoneOffset.UTC)));
        Signal firing = mapper.map(sample("alertmanager-firing.json")).get(0);
        Signal firingAgain = later.map(sample("alertmanager-firing.json")).get(0);
        Signal resolved = mapper.map(sample("alertmanager-resolved.json")).get(0);

        assertThat(firingAgain.getId()).isEqualTo(firing.getId());
        assertThat(resolved.getId()).isNotEqualTo(firing.getId());
        assertThat(mapper.map(sample("alertmanager-firing.json")).get(1).getId()).isNotEqualTo(firing.getId());
    }

    @Test
    void firingEndsAtDeadlineIsNotTakenAsAnEnd() {
        Signal signal = single(alert("firing", Map.of("alertname", "X"), "2026-11-28T09:12:03Z", "2026-11-28T09:20:03Z", null));

        assertThat(signal.getEndsAt()).isNull();
    }

    @Test
    void timestampsWithOffsetsAndNanosecondsParse() {
        Signal signal = single(alert("resolved", Map.of(), "2026-11-28T11:12:03.123456789+02:00", "2026-11-28t09:30:00z", null));

        assertThat(signal.getStartsAt()).isEqualTo(Instant.parse("2026-11-28T09:12:03.123Z"));
        assertThat(signal.getEndsAt()).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
    }

    @Test
    void sameInstantWrittenWithDifferentOffsetsGivesSameId() {
        Signal utc = single(alert("firing", Map.of("a", "b"), "2026-11-28T09:12:03Z", null, "abc"));
        Signal cest = single(alert("firing", Map.of("a", "b"), "2026-11-28T11:12:03+02:00", null, "abc"));

        assertThat(cest.getId()).isEqualTo(utc.getId());
    }

    @Test
    void missingStartsAtFallsBackToReceivedAt() {
        Signal signal = single(alert("firing", Map.of(), null, null, "abc"));

        assertThat(signal.getStartsAt()).isEqualTo(NOW);
    }

    @Test
    void alertWithoutFingerprintIsIdentifiedByItsSortedLabels() {
        Map<String, String> forwards = new LinkedHashMap<>();
        forwards.put("alertname", "DiskFull");
        forwards.put("instance", "db-1");
        Map<String, String> backwards = new LinkedHashMap<>();
        backwards.put("instance", "db-1");
        backwards.put("alertname", "DiskFull");

        String one = single(alert("firing", forwards, "2026-11-28T09:12:03Z", null, null)).getFingerprint();
        String two = single(alert("firing", backwards, "2026-11-28T09:12:03Z", null, "  ")).getFingerprint();
        String other = single(alert("firing", Map.of("alertname", "DiskFull", "instance", "db-2"), "2026-11-28T09:12:03Z", null, null)).getFingerprint();

        assertThat(one).hasSize(16).matches("[0-9a-f]{16}").isEqualTo(two).isNotEqualTo(other);
    }

    @ParameterizedTest
    @CsvSource({"critical,CRITICAL", "page,CRITICAL", "high,HIGH", "error,HIGH", "medium,MEDIUM", "warning,MEDIUM",
            "low,LOW", "info,LOW", "CRITICAL,CRITICAL", "Warning,MEDIUM", "bogus,MEDIUM"})
    void severityLabelMapsToSeverity(String label, Severity expected) {
        assertThat(single(alert("firing", Map.of("severity", label), "2026-11-28T09:12:03Z", null, "f")).getSeverity()).isEqualTo(expected);
    }

    @Test
    void alertWithoutSeverityIsMedium() {
        assertThat(single(alert("firing", Map.of(), "2026-11-28T09:12:03Z", null, "f")).getSeverity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void alertWithoutClusterLabelGoesToTheDefaultCluster() {
        assertThat(single(alert("firing", Map.of("cluster", " "), "2026-11-28T09:12:03Z", null, "f")).getCluster()).isEqualTo("default-cluster");
    }

    @Test
    void aClusterLabelThatCannotBeAKeyIsKeyedSafelyAndKeptAsSentInTheLabels() {
        Signal signal = single(alert("firing", Map.of("cluster", "prod eu\nINFO forged"), "2026-11-28T09:12:03Z", null, "f"));

        assertThat(signal.getCluster()).isEqualTo("prod-eu-INFO-forged");
        assertThat(signal.getLabels()).containsEntry("cluster", "prod eu\nINFO forged");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "service=a,app=b,job=c,container=d | a",
            "app=b,job=c,container=d | b",
            "job=c,container=d | c",
            "container=d | d",
            "pod=p | unknown"})
    void serviceComesFromTheFirstServiceLikeLabel(String labelList, String expected) {
        Map<String, String> labels = new HashMap<>();
        for (String pair : labelList.split(",")) {
            String[] kv = pair.trim().split("=");
            labels.put(kv[0], kv[1]);
        }
        assertThat(single(alert("firing", labels, "2026-11-28T09:12:03Z", null, "f")).getService()).isEqualTo(expected);
    }

    @Test
    void nullLabelValuesAreDropped() {
        Map<String, String> labels = new HashMap<>();
        labels.put("alertname", "X");
        labels.put("broken", null);

        assertThat(single(alert("firing", labels, "2026-11-28T09:12:03Z", null, "f")).getLabels()).containsOnlyKeys("alertname");
    }

    @Test
    void alertStatusFallsBackToTheGroupStatus() {
        AlertmanagerPayload payload = payload("4", "resolved", List.of(alert(null, Map.of(), "2026-11-28T09:12:03Z", null, "f")));

        assertThat(mapper.map(payload).get(0).getStatus()).isEqualTo(SignalStatus.RESOLVED);
    }

    @Test
    void emptyAlertListGivesNoSignals() {
        assertThat(mapper.map(payload("4", "firing", List.of()))).isEmpty();
    }

    @Test
    void otherPayloadVersionIsRefused() {
        assertThatThrownBy(() -> mapper.map(payload("3", "firing", List.of())))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.error()).isEqualTo("unsupported_version"))
                .hasMessageContaining("\"3\"");
        assertThatThrownBy(() -> mapper.map(payload(null, "firing", List.of())))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.error()).isEqualTo("unsupported_version"));
    }

    @Test
    void missingAlertsIsRefused() {
        assertThatThrownBy(() -> mapper.map(payload("4", "firing", null)))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("alerts is required");
    }

    @Test
    void unknownStatusIsRefusedNamingTheAlert() {
        assertThatThrownBy(() -> mapper.map(payload("4", "firing", List.of(alert("pending", Map.of(), null, null, "f")))))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("alerts[0].status");
    }

    @Test
    void unparseableTimestampIsRefusedNamingTheField() {
        assertThatThrownBy(() -> single(alert("firing", Map.of(), "yesterday", null, "f")))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.error()).isEqualTo("invalid_timestamp"))
                .hasMessageContaining("alerts[0].startsAt");
    }

    @ParameterizedTest
    @CsvSource({"+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "10000-01-01T00:00:00Z"})
    void timestampOutsideRfc3339YearsIsRefused(String startsAt) {
        assertThatThrownBy(() -> single(alert("firing", Map.of(), startsAt, null, "f")))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.error()).isEqualTo("invalid_timestamp"));
    }

    @Test
    void zeroTimeWithOffsetIsStillUnset() {
        assertThat(single(alert("resolved", Map.of(), "2026-11-28T09:12:03Z", "0001-01-01T00:00:00+02:00", "f")).getEndsAt()).isNull();
    }

    private Signal single(Alert alert) {
        return mapper.map(payload("4", "firing", List.of(alert))).get(0);
    }

    private static AlertmanagerPayload payload(String version, String status, List<Alert> alerts) {
        return new AlertmanagerPayload(version, "{}:{alertname=\"X\"}", 0, status, "firebreak", Map.of(), Map.of(), Map.of(),
                "https://am.example", alerts);
    }

    private static Alert alert(String status, Map<String, String> labels, String startsAt, String endsAt, String fingerprint) {
        return new Alert(status, labels, Map.of(), startsAt, endsAt, "", fingerprint);
    }
}

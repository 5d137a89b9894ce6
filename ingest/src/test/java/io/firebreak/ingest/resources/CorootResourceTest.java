package io.firebreak.ingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.firebreak.events.ChangeEvent;
import io.firebreak.events.ChangeKind;
import io.firebreak.events.RcaReport;
import io.firebreak.events.RootCauseCandidate;
import io.firebreak.events.ServiceEdge;
import io.firebreak.events.Severity;
import io.firebreak.events.Signal;
import io.firebreak.events.SignalSource;
import io.firebreak.events.SignalStatus;
import io.firebreak.ingest.Ingest;
import io.firebreak.ingest.IngestSettingsBuilder;
import io.firebreak.ingest.RecordingSink;
import io.firebreak.ingest.TestHttp;
import io.firebreak.schemas.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /v1/coroot against the contract's samples. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorootResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingSink SINK = new RecordingSink();
    private static final Instant NOW = Instant.parse("2026-11-28T09:14:00Z");
    static final DropwizardClientExtension APP = new DropwizardClientExtension(new Ingest(
            IngestSettingsBuilder.of(List.of("t"), 64 * 1024, Duration.ofSeconds(1), "default-cluster").build(),
            SINK, new PrometheusRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)).feature());

    @BeforeEach
    void reset() {
        SINK.reset();
    }

    @Test
    void incidentSampleBecomesCriticalSignalAndRcaReportInOneWriteKeyedByCluster() throws Exception {
        HttpResponse<String> response = post(TestHttp.sample("coroot-incident.json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(SINK.written()).hasSize(2).allSatisfy(record -> assertThat(record.key()).isEqualTo("oci-fra-1"));
        assertThat(SINK.written()).extracting(record -> (Object) record.topic()).containsExactly(Topics.SIGNALS, Topics.RCA);
        Signal signal = (Signal) SINK.written().get(0).value();
        assertThat(signal.getSource()).isEqualTo(SignalSource.COROOT);
        assertThat(signal.getStatus()).isEqualTo(SignalStatus.FIRING);
        assertThat(signal.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(signal.getService()).isEqualTo("order-router");
        assertThat(signal.getFingerprint()).isEqualTo("coroot:k8s3fz1q:ib7x2k9q");
        assertThat(signal.getLabels()).containsEntry("namespace", "trading").containsEntry("environment", "production");
        assertThat(signal.getGeneratorUrl()).isEqualTo("https://coroot.example.internal/p/k8s3fz1q/incidents?incident=ib7x2k9q");
        assertThat(signal.getDescription()).contains("Net / Network latency: high network latency to risk-service (p95 48ms)");

        RcaReport rca = (RcaReport) SINK.written().get(1).value();
        assertThat(rca.getSource()).isEqualTo("coroot");
        assertThat(rca.getService()).isEqualTo("order-router");
        assertThat(rca.getFingerprint()).isEqualTo(signal.getFingerprint());
        assertThat(rca.getDependencies()).containsExactly(new ServiceEdge("order-router", "risk-service"));
        assertThat(rca.getCandidates()).extracting(RootCauseCandidate::getService).containsExactly("risk-service", "order-router");
        assertThat(rca.getCandidates().get(0).getEvidence()).anyMatch(evidence -> evidence.contains("timeouts calling risk-service"));
        assertThat(rca.getCandidates().get(1).getEvidence()).anyMatch(evidence -> evidence.startsWith("CPU / CPU delay"));
        assertThat(JSON.readTree(response.body()).get("ids")).hasSize(2);
    }

    @Test
    void warningIsMediumAndOkResolvesTheSameFingerprintWithoutRca() throws Exception {
        String sample = TestHttp.sample("coroot-incident.json");
        post(sample.replace("\"CRITICAL\"", "\"WARNING\""));
        Signal warning = (Signal) SINK.written().get(0).value();
        SINK.reset();

        HttpResponse<String> response = post(sample.replace("\"CRITICAL\"", "\"OK\""));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(warning.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(SINK.written()).singleElement().satisfies(record -> {
            Signal resolved = (Signal) record.value();
            assertThat(resolved.getStatus()).isEqualTo(SignalStatus.RESOLVED);
            assertThat(resolved.getFingerprint()).isEqualTo(warning.getFingerprint());
            assertThat(resolved.getEndsAt()).isEqualTo(NOW);
        });
    }

    @Test
    void deploymentSampleBecomesChangeEvent() throws Exception {
        HttpResponse<String> response = post(TestHttp.sample("coroot-deployment.json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ChangeEvent change = SINK.onlyEvent(Topics.CHANGES, "oci-fra-1");
        assertThat(change.getKind()).isEqualTo(ChangeKind.DEPLOYMENT);
        assertThat(change.getService()).isEqualTo("risk-service");
        assertThat(change.getVersion()).isEqualTo("v2.15.0");
        assertThat(change.getSource()).isEqualTo("coroot");
        assertThat(change.getDescription()).startsWith("Coroot deployment Deployed").contains("Availability: 97.8%");
        assertThat(change.getAt()).isEqualTo(NOW);
    }

    @Test
    void resentDeploymentKeepsItsIdSoDownstreamSeesAnUpdate() throws Exception {
        String sample = TestHttp.sample("coroot-deployment.json");
        post(sample.replaceAll("(?s)\"summary\": \\[.*?\\]", "\"summary\": null"));
        post(sample);

        assertThat(SINK.written()).hasSize(2);
        assertThat(((ChangeEvent) SINK.written().get(0).value()).getId()).isEqualTo(((ChangeEvent) SINK.written().get(1).value()).getId());
    }

    @Test
    void missingClusterFallsBackToTheDefault() throws Exception {
        post(TestHttp.sample("coroot-deployment.json").replace("\"cluster\": \"oci-fra-1\",", ""));

        assertThat(SINK.written()).singleElement().satisfies(record -> assertThat(record.key()).isEqualTo("default-cluster"));
    }

    @Test
    void wrongSchemaAndUnknownEventTypeAre400WithNothingWritten() throws Exception {
        String sample = TestHttp.sample("coroot-incident.json");
        assertError(post(sample.replace("coroot-webhook/v1", "coroot-webhook/v9")), 400, "unsupported_schema");
        assertError(post(sample.replace("\"incident\"", "\"maintenance\"")), 400, "unsupported_event_type");
        assertError(post(sample.replace("\"CRITICAL\"", "\"MAYBE\"")), 400, "invalid_payload");
        assertThat(SINK.written()).isEmpty();
    }

    private void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo(error);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return new TestHttp(APP.baseUri().toString()).post("/v1/coroot", body, TestHttp.json("t"));
    }
}

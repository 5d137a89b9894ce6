package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.schemas.IncidentLimits;
import io.firebreak.schemas.Topics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11's storm end to end: 10,000 distinct per-pod alerts for one (cluster, service), 100 per Alertmanager request,
 * with a critical alert for another cluster in the middle. One incident and one page for the storm, the other cluster
 * paged too, the incident record bounded on the topic, and every one of the 10,000 signals reachable through the API.
 */
class StormIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PODS = 10_000;
    private static final int PER_REQUEST = 100;

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp("it.yml", "storm");

    @Test
    void tenThousandPodAlertsInOneGroupAreOneBoundedIncidentOnePageAndEverySignalIsListed() throws Exception {
        for (int first = 0; first < PODS; first += PER_REQUEST) {
            assertThat(firebreak.postAlertmanager(payload("oci-fra-1", "trade-engine", first, PER_REQUEST)).statusCode()).isEqualTo(202);
            if (first == PODS / 2) {
                assertThat(firebreak.postAlertmanager(payload("aws-use1-2", "settlement-gateway", 0, 1)).statusCode()).isEqualTo(202);
            }
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> stormPages().size() >= 2);
        List<String> paged = stormPages();
        assertThat(paged).hasSize(2).doesNotHaveDuplicates().anyMatch(id -> id.startsWith("aws-use1-2."));
        String stormId = paged.stream().filter(id -> id.startsWith("oci-fra-1.")).findFirst().orElseThrow();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(firebreak.getJson("/v1/incidents/" + stormId).path("signalCounts").path("total").asInt()).isEqualTo(PODS));
        JsonNode incident = firebreak.getJson("/v1/incidents/" + stormId);
        assertThat(incident.path("signalCounts").path("firing").asInt()).isEqualTo(PODS);
        assertThat(incident.path("signals")).hasSize(IncidentLimits.SAMPLE);
        assertThat(incident.path("signalCounts").path("byAlert")).singleElement()
                .satisfies(group -> assertThat(group.path("count").asInt()).isEqualTo(PODS));
        assertThat(firebreak.getJson("/v1/incidents?cluster=oci-fra-1").path("incidents")).hasSize(1);

        // every fingerprint, once each, in a stable order, page by page
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = firebreak.getJson("/v1/incidents/" + stormId + "/signals?limit=1000&status=firing"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("signals").forEach(s -> {
                seen.add(s.path("fingerprint").asText());
                order.add(s.path("fingerprint").asText());
            });
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(PODS);
        assertThat(order).isSorted().doesNotHaveDuplicates();
        assertThat(firebreak.getJson("/v1/incidents/" + stormId + "/signals?status=resolved").path("signals")).isEmpty();

        assertThat(largestIncidentRecordBytes()).isPositive().isLessThanOrEqualTo(IncidentLimits.RECORD_BYTES);
        assertThat(stormPages()).hasSize(2); // nothing paged twice after the storm drained
    }

    @Test
    void signalsOfAnUnknownIncidentAre404AndABadLimitIs400() throws Exception {
        HttpResponse<String> unknown = firebreak.get("/v1/incidents/nope.20260101.0001/signals");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("unknown incident");

        assertThat(firebreak.postAlertmanager(payload("oci-fra-9", "limits-check", 0, 1)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> firebreak.getJson("/v1/incidents?cluster=oci-fra-9").path("incidents").size() == 1);
        String id = firebreak.getJson("/v1/incidents?cluster=oci-fra-9").path("incidents").get(0).path("id").asText();
        for (String query : List.of("limit=0", "limit=5001", "status=pending")) {
            HttpResponse<String> bad = firebreak.get("/v1/incidents/" + id + "/signals?" + query);
            assertThat(bad.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).path("error").asText()).as(query).startsWith("invalid ");
        }
    }

    /** The pages of this test's two clusters (the other test of the class pages a cluster of its own). */
    private static List<String> stormPages() {
        return firebreak.pagerDuty().triggers().stream().map(t -> t.path("dedup_key").asText())
                .filter(id -> id.startsWith("oci-fra-1.") || id.startsWith("aws-use1-2.")).toList();
    }

    /** Alertmanager v4 body with {@code count} firing per-pod alerts, fingerprints {@code first..first+count-1}. */
    private static String payload(String cluster, String service, int first, int count) {
        ObjectNode body = JSON.createObjectNode().put("version", "4").put("status", "firing").put("receiver", "firebreak")
                .put("groupKey", "{}:{cluster=\"" + cluster + "\", service=\"" + service + "\"}");
        ArrayNode alerts = body.putArray("alerts");
        for (int i = first; i < first + count; i++) {
            ObjectNode alert = alerts.addObject().put("status", "firing").put("startsAt", Instant.now().toString())
                    .put("endsAt", "0001-01-01T00:00:00Z").put("fingerprint", String.format("%s-%05d", cluster, i));
            alert.putObject("labels").put("alertname", "PodCrashLooping").put("cluster", cluster).put("service", service)
                    .put("namespace", "trading").put("pod", service + "-" + i).put("severity", "critical");
            alert.putObject("annotations").put("summary", "pod " + service + "-" + i + " is crash looping");
        }
        return body.toString();
    }

    /** The largest incident record firebreak wrote, in bytes as on the topic (wire format header included). */
    private static int largestIncidentRecordBytes() {
        return firebreak.valuesOn(Topics.INCIDENTS.name(), new ByteArrayDeserializer()).stream()
                .mapToInt(value -> value == null ? 0 : value.length).max().orElse(0);
    }
}

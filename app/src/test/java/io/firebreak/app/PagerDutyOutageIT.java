package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17 end to end, as an on-call lead saw it: PagerDuty answers 503 while a critical incident opens. firebreak must
 * say the truth (not paged yet, with the attempts), escalate through the channel that works (Teams) after
 * {@code paging.pendingTimeout}, expose the pending page on /metrics, and page within seconds once PagerDuty recovers.
 */
class PagerDutyOutageIT {

    private static final Duration PENDING_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The Teams workflow: keeps every card's body, answers 202. */
    private static final List<String> TEAMS_CARDS = new CopyOnWriteArrayList<>();
    private static final MockWebServer TEAMS = teams();

    @RegisterExtension
    static final PagingApp firebreak = new PagingApp("it.yml", "pagerduty-outage",
            ConfigOverride.config("receivers.teams.webhookUrl", TEAMS.url("/workflows/firebreak?sig=secret").toString()),
            ConfigOverride.config("paging.pendingTimeout", PENDING_TIMEOUT.toSeconds() + "s"));

    private static MockWebServer teams() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                TEAMS_CARDS.add(request.getBody() == null ? "" : request.getBody().utf8());
                return new MockResponse.Builder().code(202).build();
            }
        });
        try {
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    @AfterAll
    static void stopTeams() {
        TEAMS.close();
    }

    @Test
    void aRefusedPageIsShownPendingEscalatesAndGoesOutWithinSecondsOfTheRecovery() throws Exception {
        firebreak.pagerDuty().refuseWith(503);
        String alert = Files.readString(Path.of(ResourceHelpers.resourceFilePath("alertmanager-firing.json"))).replace("oci-fra-1", "outage-1");
        assertThat(firebreak.postAlertmanager(alert).statusCode()).isEqualTo(202);

        String id = await().atMost(WAIT).until(() -> incidentOf("outage-1"), Optional::isPresent).orElseThrow();

        // the truth while PagerDuty refuses: not paged, with the attempts, the last error and the next attempt
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode incident = firebreak.getJson("/v1/incidents/" + id);
            assertThat(incident.path("notPagedYet").asBoolean()).isTrue();
            assertThat(stages(incident)).doesNotContain("PAGED");
            JsonNode page = trigger(incident, "pagerduty");
            assertThat(page.path("state").asText()).isEqualTo("pending");
            assertThat(page.path("attempts").asInt()).isPositive();
            assertThat(page.path("lastError").asText()).contains("503");
            assertThat(page.path("nextAttemptAt").isMissingNode()).isFalse();
            assertThat(StreamSupport.stream(incident.path("deliveries").spliterator(), false)
                    .filter(d -> d.path("receiver").asText().equals("pagerduty")).map(d -> d.path("outcome").asText())).containsExactly("retrying");
        });

        // escalated through the channel that works: Teams hears that the incident is NOT paged
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(TEAMS_CARDS).anySatisfy(card -> assertThat(card).contains("PagerDuty unreachable since").contains(id + " is NOT paged"));
            assertThat(timeline(firebreak.getJson("/v1/incidents/" + id))).anySatisfy(e -> {
                assertThat(e.path("kind").asText()).isEqualTo("escalation");
                assertThat(e.path("cause").asText()).contains("incident " + id + " is NOT paged");
            });
        });
        // ... and on /metrics, for a Prometheus rule to page on through a second route
        String metrics = firebreak.get("/metrics").body();
        assertThat(metrics).contains("firebreak_page_pending_seconds{incident=\"" + id + "\",receiver=\"pagerduty\"}")
                .contains("firebreak_channel_failing{channel=\"pagerduty\"} 1.0");

        int triggersBefore = firebreak.pagerDuty().triggers().size();
        long recovered = System.nanoTime();
        firebreak.pagerDuty().recover();

        await().atMost(WAIT).until(() -> firebreak.pagerDuty().triggers().size() > triggersBefore);
        long firstPage = firebreak.pagerDuty().triggerArrivals().get(triggersBefore);
        assertThat(Duration.ofNanos(firstPage - recovered)).as("first page after PagerDuty recovered").isLessThanOrEqualTo(Duration.ofSeconds(10));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode incident = firebreak.getJson("/v1/incidents/" + id);
            assertThat(incident.path("notPagedYet").asBoolean()).isFalse();
            assertThat(trigger(incident, "pagerduty").path("state").asText()).isEqualTo("accepted");
            // decided → attempted → accepted, in that order
            List<String> paging = timeline(incident).stream().map(e -> e.path("cause").asText())
                    .filter(c -> c.startsWith("page decided") || c.startsWith("pagerduty did not accept") || c.startsWith("paged via")).toList();
            assertThat(paging).hasSize(3);
            assertThat(paging.get(0)).startsWith("page decided: pagerduty");
            assertThat(paging.get(1)).startsWith("pagerduty did not accept the page");
            assertThat(paging.get(2)).startsWith("paged via pagerduty at CRITICAL: accepted after");
            assertThat(firebreak.get("/metrics").body()).doesNotContain("firebreak_page_pending_seconds{incident=\"" + id + "\"")
                    .contains("firebreak_channel_failing{channel=\"pagerduty\"} 0.0");
        });
        // paged exactly once: one PagerDuty incident (dedup key) for the incident, triggered once it was reachable
        assertThat(firebreak.pagerDuty().triggers()).filteredOn(t -> t.path("dedup_key").asText().equals(id)).hasSize(1);
    }

    private static Optional<String> incidentOf(String cluster) throws Exception {
        return StreamSupport.stream(firebreak.getJson("/v1/incidents?cluster=" + cluster).path("incidents").spliterator(), false)
                .map(i -> i.path("id").asText()).findFirst();
    }

    private static JsonNode trigger(JsonNode incident, String receiver) {
        return StreamSupport.stream(incident.path("triggers").spliterator(), false)
                .filter(t -> t.path("receiver").asText().equals(receiver)).findFirst().orElseThrow();
    }

    private static List<JsonNode> timeline(JsonNode incident) {
        return StreamSupport.stream(incident.path("timeline").spliterator(), false).toList();
    }

    private static List<String> stages(JsonNode incident) {
        return timeline(incident).stream().map(e -> e.path("stage").asText("")).filter(s -> !s.isEmpty()).toList();
    }
}

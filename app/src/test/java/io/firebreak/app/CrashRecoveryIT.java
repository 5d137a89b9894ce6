package io.firebreak.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.notifiers.NotifierService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 during an alert storm, three times, on a real {@code firebreak standalone} (its own JVM, the embedded broker
 * dying with it): every alert that was answered 202 ends up in an incident, no incident is paged twice, and paging
 * resumes within seconds of each restart. The kill points are random; the seed is logged ({@code -Dcrash.seed=} repeats
 * a run).
 */
// Runs in every build (80-220 s with the load, most of it four process starts); -Dcrash.it=false skips it on a machine where that is too long.
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "crash.it", matches = "false",
        disabledReason = "skipped with -Dcrash.it=false")
class CrashRecoveryIT {

    /** What one kill can deliver again at most: the notifier's poll batch. */
    private static final int MAX_BATCH = NotifierService.MAX_POLL_RECORDS;
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "crash-it-token";
    private static final String ROUTING_KEY = "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx";
    private static final int KILLS = 3;
    private static final int CLUSTERS = 4;
    /**
     * Target: 10 s from process start to the first page. On a 2-core machine shared with other builds every start is
     * slower (a fresh start measured 20-40 s at load average 15-25), so a restart after kill -9 is held to the fresh
     * start's time on the same machine plus this margin for log recovery and the state restore — less than the crashed
     * member's session timeout alone cost before static membership (45 s).
     */
    private static final Duration RESTART_MARGIN = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyAcknowledgedAlertIsInAnIncidentPagedOnceAfterThreeKillsDuringAStorm() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        // not a @TempDir: the logs and the broker's data of a failed run are the evidence, kept under target/
        Path dir = Files.createDirectories(Path.of("target", "crash-it", String.valueOf(seed)).toAbsolutePath());
        LOG.info("event=crash_test_started seed={} dir={} (repeat with -Dcrash.seed={})", seed, dir, seed);

        StandaloneProcess.Ports ports = StandaloneProcess.Ports.free();
        Path data = dir.resolve("data");
        List<Long> firstPageMs = new ArrayList<>();
        long freshStartMs = 0;
        try (RecordingPagerDuty pagerDuty = new RecordingPagerDuty()) {
            Path overlay = overlay(dir, pagerDuty);
            StandaloneProcess firebreak = StandaloneProcess.start(data, ports, overlay, TOKEN, dir.resolve("run-0.log"));
            try (AlertStorm storm = new AlertStorm(URI.create("http://127.0.0.1:" + ports.http() + "/v1/alertmanager"), TOKEN,
                    CLUSTERS, 4, Duration.ofMillis(80))) {
                storm.start();
                for (int run = 0; run <= KILLS; run++) {
                    awaitAcceptingAlerts(storm, firebreak);
                    long firstPage = awaitFirstPageSince(pagerDuty, firebreak);
                    if (run == 0) {
                        freshStartMs = firstPage;
                    } else {
                        firstPageMs.add(firstPage);
                    }
                    // a kill at a random point of the storm, once paging has resumed (so every restart is measured)
                    Thread.sleep(500 + random.nextInt(5_000));
                    if (run < KILLS) {
                        LOG.info("event=crash_test_kill run={} acknowledged={} pid={}", run, storm.acknowledgedCount(), firebreak.pid());
                        firebreak.kill();
                        firebreak = StandaloneProcess.start(data, ports, overlay, TOKEN, dir.resolve("run-" + (run + 1) + ".log"));
                    }
                }
                storm.close();
                List<AlertStorm.Alert> acknowledged = storm.acknowledged();
                LOG.info("event=crash_test_storm_done acknowledged={} fresh_start_first_page_ms={} first_page_after_kill_ms={}",
                        acknowledged.size(), freshStartMs, firstPageMs);

                Map<String, JsonNode> incidentByService = awaitEveryAlertInAnIncident(acknowledged, ports);
                assertFingerprintsInTheirIncidents(acknowledged, incidentByService);
                Set<String> incidents = incidentByService.values().stream().map(i -> i.path("id").asText()).collect(Collectors.toSet());
                await("every incident paged").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                        .until(() -> triggersByDedupKey(pagerDuty).keySet().containsAll(incidents));
                // Correlation decides one page per incident whatever the kills (exactly-once streams). The notifier commits
                // what it delivered every 50 ms within a batch (at most MAX_BATCH records), once the receipts are written:
                // a kill can repeat the uncommitted deliveries, each with its incident's dedup_key, which PagerDuty folds
                // into the open alert (nobody is woken twice). The bound is the batch, not the 50 ms, because how many
                // deliveries fit in 50 ms depends on the machine. No channel can do better than the page in flight: the
                // receiver acts before any record of it can be durable.
                long repeatedDeliveries = pageDeliveries(pagerDuty).values().stream().mapToLong(n -> n - 1).sum();
                LOG.info("event=crash_test_pages incidents={} repeated_deliveries={} detail={}", incidents.size(), repeatedDeliveries,
                        repeatedTriggers(pagerDuty));
                assertThat(repeatedDeliveries).as("pages delivered again after a kill (seed %d): %s", seed, repeatedTriggers(pagerDuty))
                        .isLessThanOrEqualTo((long) KILLS * MAX_BATCH);
                long bound = freshStartMs + RESTART_MARGIN.toMillis();
                assertThat(firstPageMs).as("ms from process start to the first page after each kill -9, fresh start %d ms (seed %d)",
                        freshStartMs, seed).hasSize(KILLS).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(bound));
                LOG.info("event=crash_test_passed seed={} acknowledged={} incidents={} fresh_start_first_page_ms={} "
                        + "first_page_after_kill_ms={} clean_stop_ms={}",
                        seed, acknowledged.size(), incidents.size(), freshStartMs, firstPageMs, firebreak.stop());
            } finally {
                firebreak.close();
            }
        }
        deleteRecursively(dir); // passed: nothing to look at
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The bundled standalone configuration plus a (recording) PagerDuty; enrichment does not hold pages back. */
    private static Path overlay(Path dir, RecordingPagerDuty pagerDuty) throws Exception {
        Path overlay = dir.resolve("crash.yml");
        Files.writeString(overlay, """
                receivers:
                  pagerduty: { url: "%s", routingKey: "%s" }
                correlation:
                  enrichmentWait: 0s
                logging:
                  level: INFO
                """.formatted(pagerDuty.enqueueUrl(), ROUTING_KEY));
        return overlay;
    }

    private static void awaitAcceptingAlerts(AlertStorm storm, StandaloneProcess firebreak) {
        int before = storm.acknowledgedCount();
        await("ingest of pid " + firebreak.pid() + " answering 202 (log " + firebreak.log() + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!firebreak.alive()) {
                        throw new AssertionError("firebreak exited; see " + firebreak.log() + ":\n" + tail(firebreak.log()));
                    }
                    return storm.acknowledgedCount() > before;
                });
    }

    /** Milliseconds from the process start to the first PagerDuty trigger after it. */
    private static long awaitFirstPageSince(RecordingPagerDuty pagerDuty, StandaloneProcess firebreak) {
        await("a page after the restart").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> pagerDuty.triggerArrivals().stream().anyMatch(t -> t > firebreak.startedNanos()));
        long first = pagerDuty.triggerArrivals().stream().filter(t -> t > firebreak.startedNanos()).findFirst().orElseThrow();
        return (first - firebreak.startedNanos()) / 1_000_000;
    }

    /**
     * Every incident of the storm's clusters, as the list API shows them (the same incident JSON as {@code GET
     * /v1/incidents/{id}}), once every acknowledged alert's service shows in one (each alert has its own service). One
     * list per cluster, not one read per incident: the check spends a handful of the token's requests, not hundreds.
     */
    private Map<String, JsonNode> awaitEveryAlertInAnIncident(List<AlertStorm.Alert> acknowledged, StandaloneProcess.Ports ports) {
        Map<String, JsonNode> incidentByService = new HashMap<>();
        try {
            // no initial delay: Awaitility's default waits one poll interval before the first look
            await("every acknowledged alert in an incident").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        incidentByService.clear();
                        incidentByService.putAll(incidentsByService(ports));
                        return acknowledged.stream().allMatch(a -> incidentByService.containsKey(a.service()));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<AlertStorm.Alert> missing = acknowledged.stream().filter(a -> !incidentByService.containsKey(a.service()))
                    .sorted(java.util.Comparator.comparingInt(AlertStorm.Alert::n)).toList();
            throw new AssertionError(missing.size() + " of " + acknowledged.size() + " acknowledged alerts are in no incident, e.g. "
                    + missing.stream().limit(5).toList() + "\nKafka:\n" + kafkaEvidence(ports), e);
        }
        return incidentByService;
    }

    private Map<String, JsonNode> incidentsByService(StandaloneProcess.Ports ports) throws Exception {
        Map<String, JsonNode> byService = new HashMap<>();
        for (int c = 0; c < CLUSTERS; c++) {
            JsonNode list = get(ports, "/v1/incidents?limit=1000&cluster=" + URLEncoder.encode("crash-" + c, StandardCharsets.UTF_8));
            for (JsonNode incident : list.path("incidents")) {
                incident.path("services").forEach(s -> byService.put(s.asText(), incident));
            }
        }
        return byService;
    }

    /** Each alert's own fingerprint is among its incident's signals (one alert per incident, so never sampled away). */
    private static void assertFingerprintsInTheirIncidents(List<AlertStorm.Alert> acknowledged, Map<String, JsonNode> incidentByService) {
        List<AlertStorm.Alert> notInIncident = acknowledged.stream()
                .filter(a -> !fingerprints(incidentByService.get(a.service())).contains(a.fingerprint())).toList();
        assertThat(notInIncident).as("acknowledged alerts whose fingerprint is not in their incident's signals").isEmpty();
    }

    private static Set<String> fingerprints(JsonNode incident) {
        Set<String> fingerprints = new HashSet<>();
        incident.path("signals").forEach(s -> fingerprints.add(s.path("fingerprint").asText()));
        return fingerprints;
    }

    /** Every trigger of an incident triggered more than once: which notification, which stage. */
    private static String repeatedTriggers(RecordingPagerDuty pagerDuty) {
        Map<String, List<String>> byKey = pagerDuty.triggers().stream().collect(Collectors.groupingBy(t -> t.path("dedup_key").asText(),
                Collectors.mapping(t -> t.path("payload").path("custom_details").path("notification_id").asText() + "@"
                        + t.path("payload").path("custom_details").path("stage").asText(), Collectors.toList())));
        byKey.values().removeIf(list -> list.size() < 2);
        return byKey.toString();
    }

    /** Page notification id ({@code <incident>:pagerduty:trigger}; an UPDATE re-triggers under its own id) → deliveries. */
    private static Map<String, Long> pageDeliveries(RecordingPagerDuty pagerDuty) {
        return pagerDuty.triggers().stream().map(t -> t.path("payload").path("custom_details").path("notification_id").asText())
                .filter(id -> id.endsWith(":trigger")).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private static Map<String, Long> triggersByDedupKey(RecordingPagerDuty pagerDuty) {
        return pagerDuty.triggers().stream().collect(Collectors.groupingBy(t -> t.path("dedup_key").asText(), Collectors.counting()));
    }

    /** A read as a well-behaved client makes it: a 429 is retried after the {@code Retry-After} it carries, within a minute. */
    private JsonNode get(StandaloneProcess.Ports ports, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.http() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN).GET().build();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() == 429 && System.nanoTime() < deadline) {
            String retryAfter = response.headers().firstValue("Retry-After").orElseThrow(
                    () -> new AssertionError("429 without Retry-After on GET " + path));
            Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)).toMillis()); // the server's own instruction
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * What a stuck read_committed reader would point at: partitions whose last stable offset trails the high watermark
     * (an open transaction) and the transactions the coordinator knows.
     */
    private static String kafkaEvidence(StandaloneProcess.Ports ports) {
        StringBuilder out = new StringBuilder();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + ports.kafka()))) {
            Set<String> topics = admin.listTopics().names().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
            var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            new TreeMap<String, TopicPartition>(latest.keySet().stream().collect(Collectors.toMap(TopicPartition::toString, p -> p)))
                    .forEach((name, tp) -> {
                        if (stable.get(tp).offset() != end.get(tp).offset()) {
                            out.append("  ").append(name).append(" lso=").append(stable.get(tp).offset())
                                    .append(" hw=").append(end.get(tp).offset()).append('\n');
                        }
                    });
            for (TransactionListing txn : admin.listTransactions().all().get()) {
                out.append("  txn ").append(txn.transactionalId()).append(' ').append(txn.state()).append('\n');
            }
        } catch (Exception e) {
            out.append("  (no evidence: ").append(e).append(")\n");
        }
        return out.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}

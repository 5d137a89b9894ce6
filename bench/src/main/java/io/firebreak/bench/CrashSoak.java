package io.firebreak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.FreePort;
import io.firebreak.notifiers.NotifierService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kill -9 soak: {@code rounds} times (default 20), a real {@code firebreak standalone} (its own JVM from
 * {@code app/target/firebreak.jar}, the embedded broker inside it) takes a storm of distinct critical alerts and is
 * SIGKILLed {@code kills} times at random points, each time restarted on the same data directory. After each round:
 * alerts answered 202 that are in no incident (lost), notifications PagerDuty got more than once (redelivered: the
 * same {@code notification_id} again), later triggers of an already paged incident (updates: a new summary, each its
 * own notification), and per restart the time from process start to the first page. Prints a Markdown summary and
 * writes it to {@code bench/target/crash-soak.md}; exit code 1 when an alert was lost, an incident never paged or paged
 * more than 30 s after it opened, or a round redelivered more than a notifier batch per kill (each kill may deliver the
 * uncommitted part of the batch in flight again, with the same dedup_key, which PagerDuty folds into the open alert).
 *
 * <p>{@code -Dsoak.rounds=20 -Dsoak.kills=3 -Dsoak.seed=<long> -Dsoak.jar=app/target/firebreak.jar -Dsoak.senders=4
 * -Dsoak.pauseMs=80 -Dsoak.maxKillDelayMs=5000 -Dsoak.launcher=true -Dsoak.jvmOptions=}. With the launcher (the
 * default) every start goes through {@code ./firebreak standalone} as a user's does: its class-data archive once a
 * clean stop wrote one (the end of round 1), and its JIT choice (C1 alone on 2 CPUs or fewer); {@code soak.jar} is
 * then the launcher's {@code app/target/firebreak.jar}.
 */
public final class CrashSoak {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A first page later than this after its incident opened is reported (restarts page within about 10 s). */
    private static final Duration LATE = Duration.ofSeconds(30);
    static final String TOKEN = "crash-soak-token";
    private static final int CLUSTERS = 4;

    record Round(int round, long seed, int acknowledged, int lost, int redelivered, int updates, List<Long> firstPageMs, String note) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 20);
        int kills = Integer.getInteger("soak.kills", 3);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        Path jar = Path.of(System.getProperty("soak.jar", "app/target/firebreak.jar")).toAbsolutePath();
        Path root = repositoryRoot(jar);
        Path work = Files.createTempDirectory("firebreak-crash-soak");
        System.out.printf("crash soak: %d rounds x %d kills, seed %d, jar %s, work %s%n", rounds, kills, seed, jar, work);
        Random seeds = new Random(seed);
        List<Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long roundSeed = seeds.nextLong();
            Round result = runRound(round, roundSeed, kills, jar, root, work.resolve("round-" + round));
            results.add(result);
            System.out.printf("round %d seed %d: acknowledged %d, lost %d, redelivered %d, updates %d, first page after restart %s ms %s%n",
                    round, roundSeed, result.acknowledged(), result.lost(), result.redelivered(), result.updates(), result.firstPageMs(),
                    result.note());
        }
        String report = report(results, seed, kills);
        System.out.println(report);
        Path out = root.resolve("bench/target/crash-soak.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        // a kill may deliver the uncommitted part of the batch in flight again; more means commits did not follow deliveries
        int redeliveryBound = kills * NotifierService.MAX_POLL_RECORDS;
        boolean failed = results.stream().anyMatch(r -> r.lost() != 0 || r.redelivered() > redeliveryBound || !r.note().isEmpty());
        System.exit(failed ? 1 : 0);
    }

    private static Round runRound(int round, long seed, int kills, Path jar, Path root, Path dir) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        int http = FreePort.pick();
        int admin = FreePort.pick();
        int kafka = FreePort.pick();
        List<Long> firstPageMs = new ArrayList<>();
        try (RecordingPagerDuty pagerDuty = new RecordingPagerDuty()) {
            Path overlay = dir.resolve("crash.yml");
            Files.writeString(overlay, """
                    receivers:
                      pagerduty: { url: "%s", routingKey: "R0UT1NGKEY32CHARSxxxxxxxxxxxxxxxx" }
                    correlation:
                      enrichmentWait: 0s
                    """.formatted(pagerDuty.enqueueUrl()));
            Launch launch = new Launch(jar, root, dir.resolve("data"), overlay, http, admin, kafka);
            Running firebreak = launch.start(dir.resolve("run-0.log"));
            Storm storm = new Storm(URI.create("http://127.0.0.1:" + http + "/v1/alertmanager"),
                    Integer.getInteger("soak.senders", 4), Duration.ofMillis(Integer.getInteger("soak.pauseMs", 80)));
            try {
                for (int run = 0; run <= kills; run++) {
                    Running current = firebreak;
                    if (!waitFor(() -> storm.acknowledgedSince(current.startedNanos()), 120)) {
                        return new Round(round, seed, storm.acknowledgedCount(), -1, -1, -1, firstPageMs, "ingest did not come back, see " + current.log());
                    }
                    if (run > 0) {
                        if (!waitFor(() -> firstPageAfter(pagerDuty, current.startedNanos()) > 0, 120)) {
                            return new Round(round, seed, storm.acknowledgedCount(), -1, -1, -1, firstPageMs, "no page within 120 s of a restart");
                        }
                        firstPageMs.add((firstPageAfter(pagerDuty, current.startedNanos()) - current.startedNanos()) / 1_000_000);
                    }
                    Thread.sleep(500 + random.nextInt(Integer.getInteger("soak.maxKillDelayMs", 5_000)));
                    if (run < kills) {
                        firebreak.kill();
                        firebreak = launch.start(dir.resolve("run-" + (run + 1) + ".log"));
                    }
                }
                storm.close();
                Collection<Storm.Alert> acknowledged = storm.acknowledged();
                HttpClient client = HttpClient.newHttpClient();
                Map<String, String> incidentByService = new HashMap<>();
                Map<String, Instant> openedAt = new HashMap<>();
                waitFor(() -> {
                    incidentByService.clear();
                    incidentByService.putAll(incidentsByService(client, http, openedAt));
                    return acknowledged.stream().allMatch(a -> incidentByService.containsKey(a.service()));
                }, 90);
                int lost = (int) acknowledged.stream().filter(a -> !incidentByService.containsKey(a.service())).count();
                Set<String> incidents = new HashSet<>(incidentByService.values());
                // longer than the acceptance watch (paging.pendingTimeout, 60 s), which sends a page nobody reported on again
                waitFor(() -> pagerDuty.firstTriggers().keySet().containsAll(incidents), 90);
                List<RecordingPagerDuty.Event> triggers = pagerDuty.events().stream().filter(e -> e.action().equals("trigger")).toList();
                Set<String> paged = triggers.stream().map(RecordingPagerDuty.Event::dedupKey).collect(Collectors.toSet());
                long notifications = triggers.stream().map(RecordingPagerDuty.Event::notificationId).distinct().count();
                int redelivered = (int) (triggers.size() - notifications);
                int updates = (int) (notifications - paged.size());
                int unpaged = (int) incidents.stream().filter(id -> !paged.contains(id)).count();
                List<String> late = latePages(incidents, openedAt, pagerDuty.firstTriggers());
                String note = Stream.of(unpaged == 0 ? "" : unpaged + " incidents never paged",
                                late.isEmpty() ? "" : late.size() + " incidents paged more than " + LATE.toSeconds() + " s after they opened: " + late)
                        .filter(n -> !n.isEmpty()).collect(Collectors.joining("; "));
                return new Round(round, seed, acknowledged.size(), lost, redelivered, updates, firstPageMs, note);
            } finally {
                storm.close();
                firebreak.stop();
            }
        }
    }

    private static long firstPageAfter(RecordingPagerDuty pagerDuty, long sinceNanos) {
        return pagerDuty.events().stream().filter(e -> e.action().equals("trigger") && e.receivedNanos() > sinceNanos)
                .mapToLong(RecordingPagerDuty.Event::receivedNanos).min().orElse(-1);
    }

    /**
     * Incidents whose first page came more than {@link #LATE} after they opened (wall clock against the recorder's
     * arrival, both on this machine), e.g. a page lost with its record and sent again by the acceptance watch.
     */
    private static List<String> latePages(Set<String> incidents, Map<String, Instant> openedAt, Map<String, RecordingPagerDuty.Event> firstTriggers) {
        long wallMinusNanos = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        return incidents.stream().filter(id -> firstTriggers.containsKey(id) && openedAt.containsKey(id))
                .filter(id -> {
                    long openedNanos = openedAt.get(id).toEpochMilli() * 1_000_000 - wallMinusNanos;
                    return firstTriggers.get(id).receivedNanos() - openedNanos > LATE.toNanos();
                })
                .sorted().toList();
    }

    private static Map<String, String> incidentsByService(HttpClient client, int http, Map<String, Instant> openedAt) throws Exception {
        Map<String, String> byService = new HashMap<>();
        for (int c = 0; c < CLUSTERS; c++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/v1/incidents?limit=1000&cluster=crash-" + c))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET /v1/incidents: " + response.statusCode());
            }
            for (JsonNode incident : JSON.readTree(response.body()).path("incidents")) {
                incident.path("services").forEach(s -> byService.put(s.asText(), incident.path("id").asText()));
                openedAt.put(incident.path("id").asText(), Instant.parse(incident.path("openedAt").asText()));
            }
        }
        return byService;
    }

    static String report(List<Round> rounds, long seed, int kills) {
        List<Long> restarts = rounds.stream().flatMap(r -> r.firstPageMs().stream()).sorted().toList();
        int lostRounds = (int) rounds.stream().filter(r -> r.lost() != 0).count();
        int redelivered = rounds.stream().mapToInt(r -> Math.max(0, r.redelivered())).sum();
        int updates = rounds.stream().mapToInt(r -> Math.max(0, r.updates())).sum();
        StringBuilder out = new StringBuilder();
        out.append("## kill -9 soak · ").append(Instant.now()).append(" · ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores · seed ").append(seed).append("\n\n");
        out.append("| measure | value |\n|---|---|\n");
        out.append("| rounds × kills | ").append(rounds.size()).append(" × ").append(kills).append(" |\n");
        out.append("| alerts acknowledged (202) | ").append(rounds.stream().mapToInt(Round::acknowledged).sum()).append(" |\n");
        out.append("| rounds that lost an acknowledged alert | ").append(lostRounds).append(" of ").append(rounds.size())
                .append(" (alerts lost: ").append(rounds.stream().mapToInt(r -> Math.max(0, r.lost())).sum()).append(") |\n");
        out.append("| notifications PagerDuty got again (same notification_id: a kill may repeat its last 50 ms of deliveries, never more than a batch) | ")
                .append(redelivered).append(" in ").append(rounds.size() * kills).append(" kills |\n");
        out.append("| later triggers of a paged incident (a new summary: updates, not repeats) | ").append(updates).append(" |\n");
        out.append("| process start → first page after kill -9 | ").append(restarts.isEmpty() ? "n/a"
                : "p50 " + percentile(restarts, 0.5) + " ms · max " + restarts.get(restarts.size() - 1) + " ms (n=" + restarts.size() + ")")
                .append(" |\n");
        rounds.stream().filter(r -> !r.note().isEmpty()).forEach(r -> out.append("| round ").append(r.round()).append(" (seed ")
                .append(r.seed()).append(") | ").append(r.note()).append(" |\n"));
        return out.toString();
    }

    private static long percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static boolean waitFor(Check check, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(200); // polling a condition of another process; no event to wait on
        }
        return check.holds();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static Path repositoryRoot(Path jar) {
        Path dir = Path.of("").toAbsolutePath();
        if (Files.isDirectory(dir.resolve("examples"))) {
            return dir;
        }
        return jar.getParent().getParent().getParent(); // <root>/app/target/firebreak.jar
    }

    /** The soak's JVM options, plus {@code -Dsoak.jvmOptions} (e.g. a JIT setting to compare). */
    private static final String JVM_OPTIONS = ("-Xmx512m " + System.getProperty("soak.jvmOptions", "")).trim();
    private static final String GC = "-XX:+UseSerialGC";

    /**
     * How to start {@code firebreak standalone} on one data directory: through {@code ./firebreak} (the default) or,
     * with {@code -Dsoak.launcher=false}, {@code java -jar} without the launcher's class-data archive.
     */
    record Launch(Path jar, Path root, Path data, Path overlay, int http, int admin, int kafka) {
        Running start(Path log) throws IOException {
            List<String> command = new ArrayList<>();
            if (Boolean.parseBoolean(System.getProperty("soak.launcher", "true"))) {
                // what a user runs: the launcher execs the JVM (same pid, so a kill hits it) with its class-data archive
                command.add(root.resolve("firebreak").toString());
            } else {
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(List.of(JVM_OPTIONS.split("\\s+")));
                command.addAll(List.of(GC, "-jar", jar.toString()));
            }
            command.addAll(List.of("standalone", "--data-dir", data.toString(), "--http-port", String.valueOf(http),
                    "--admin-port", String.valueOf(admin), "--kafka-port", String.valueOf(kafka), overlay.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("FIREBREAK_INGEST_TOKEN", TOKEN);
            builder.environment().put("FIREBREAK_JAVA_OPTS", JVM_OPTIONS + " " + GC);
            builder.environment().put("FIREBREAK_REBUILD", "never"); // the jar under test, even while sources change
            long started = System.nanoTime();
            return new Running(builder.start(), started, log);
        }
    }

    record Running(Process process, long startedNanos, Path log) {
        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** Distinct critical alerts, one per request and per (cluster, service); a failed request is retried, as Alertmanager does. */
    static final class Storm implements AutoCloseable {

        record Alert(int n, String service, long acknowledgedNanos) {
        }

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final URI endpoint;
        private final long pauseNanos;
        private final AtomicInteger next = new AtomicInteger();
        private final Map<Integer, Alert> acknowledged = new ConcurrentHashMap<>();
        private final List<Thread> senders = new ArrayList<>();
        private volatile boolean running = true;

        Storm(URI endpoint, int senders, Duration pause) {
            this.endpoint = endpoint;
            this.pauseNanos = pause.toNanos();
            for (int i = 0; i < senders; i++) {
                Thread sender = new Thread(this::send, "crash-storm-" + i);
                sender.setDaemon(true);
                this.senders.add(sender);
                sender.start();
            }
        }

        int acknowledgedCount() {
            return acknowledged.size();
        }

        boolean acknowledgedSince(long nanos) {
            return acknowledged.values().stream().anyMatch(a -> a.acknowledgedNanos() > nanos);
        }

        Collection<Alert> acknowledged() {
            return List.copyOf(acknowledged.values());
        }

        private void send() {
            while (running) {
                int n = next.getAndIncrement();
                while (running && !deliver(n)) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                LockSupport.parkNanos(pauseNanos);
            }
        }

        private boolean deliver(int n) {
            String service = "svc-" + n;
            String body = """
                    {"version":"4","status":"firing","receiver":"firebreak","groupKey":"{}","truncatedAlerts":0,"groupLabels":{},
                     "commonLabels":{},"commonAnnotations":{},"externalURL":"http://alertmanager",
                     "alerts":[{"status":"firing","fingerprint":"%s","labels":{"alertname":"CrashSoak","cluster":"crash-%d",
                       "service":"%s","severity":"critical"},"annotations":{"summary":"%s down"},
                       "startsAt":"2026-12-01T15:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":""}]}
                    """.formatted(HexFormat.of().toHexDigits((long) n * 0x9E3779B97F4A7C15L), n % CLUSTERS, service, service);
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                    acknowledged.put(n, new Alert(n, service, System.nanoTime()));
                    return true;
                }
                return false;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread sender : senders) {
                sender.join(20_000);
            }
        }
    }
}

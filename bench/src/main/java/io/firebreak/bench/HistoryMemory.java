package io.firebreak.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.embedded.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the history costs the heap: a real {@code firebreak standalone} (its own JVM, started through {@code ./firebreak}
 * as a user does) takes {@code memory.incidents} one-signal incidents (default 3,000, each its own (cluster, service)),
 * then every one is resolved through the API, so it closes and gets its postmortem. The JVM's live set (the total of
 * {@code jcmd <pid> GC.class_histogram}, which collects first) at start, with the incidents open, and once they are all
 * closed with their postmortems: closed incidents stay in the read model for {@code api.history} (90 days), so what
 * each costs there is what a long-running instance holds.
 *
 * <p>{@code -Dmemory.incidents=3000 -Dmemory.perSecond=80} (under the token's default rate limit of 100 requests/s).
 * Prints a Markdown table and writes it to {@code bench/target/history-memory.md}.
 */
public final class HistoryMemory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("memory.incidents", 3_000);
        int perSecond = Integer.getInteger("memory.perSecond", 80);
        Path jar = Path.of("app/target/firebreak.jar").toAbsolutePath();
        Path root = CrashSoak.repositoryRoot(jar);
        Path work = Files.createTempDirectory("firebreak-history-memory");
        int http = FreePort.pick();
        int admin = FreePort.pick();
        Path overlay = work.resolve("memory.yml");
        Files.writeString(overlay, "correlation:\n  enrichmentWait: 0s\n");
        CrashSoak.Launch launch = new CrashSoak.Launch(jar, root, work.resolve("data"), overlay, http, admin, FreePort.pick());
        CrashSoak.Running firebreak = launch.start(work.resolve("firebreak.log"));
        try {
            Api api = new Api(http);
            HttpClient health = HttpClient.newHttpClient();
            awaitOr("firebreak healthy", 120, () -> {
                try {
                    return health.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launch.admin() + "/healthcheck")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
            long pid = firebreak.process().pid();
            long atStart = liveBytes(pid);

            FirebreakClient alerts = new FirebreakClient(http, CrashSoak.TOKEN);
            Pace pace = new Pace(perSecond);
            for (int i = 0; i < incidents; i++) {
                pace.next();
                int status = alerts.post(AlertPayloads.firing("memory-c" + (i % 50), "svc-" + i, "warning", "HistoryMemory",
                        List.of(new AlertPayloads.Alert("memory-" + i, "pod-" + i))));
                if (status != 202) {
                    throw new IllegalStateException("alert " + i + " answered " + status);
                }
            }
            awaitOr("every incident open", 300, () -> api.openCount() >= incidents);
            long open = liveBytes(pid);

            Set<String> resolved = new HashSet<>();
            awaitOr("every incident closed with its postmortem", 600, () -> {
                for (JsonNode incident : api.get("/v1/incidents?open=true&limit=1000").get("incidents")) {
                    String id = incident.get("id").asText();
                    if (resolved.add(id)) {
                        pace.next();
                        api.resolve(id);
                    }
                }
                return api.openCount() == 0 && api.get("/v1/reports/mttx").get("incidents").asInt() >= incidents;
            });
            long closed = liveBytes(pid);

            String report = """
                    | `firebreak standalone`, live set (`jcmd GC.class_histogram`) | MB |
                    |---|---|
                    | at start | %.1f |
                    | %,d one-signal incidents open | %.1f |
                    | all closed, with their postmortems | %.1f |

                    Per open incident %.1f KiB; per closed incident, beyond what it held open, %.1f KiB.
                    """.formatted(atStart / 1e6, incidents, open / 1e6, closed / 1e6,
                    (open - atStart) / 1024.0 / incidents, (closed - open) / 1024.0 / incidents);
            System.out.println(report);
            Path out = root.resolve("bench/target/history-memory.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } finally {
            firebreak.stop();
        }
    }

    private static void awaitOr(String what, int seconds, CrashSoak.Check check) throws Exception {
        if (!CrashSoak.waitFor(check, seconds)) {
            throw new IllegalStateException("not within " + seconds + " s: " + what);
        }
    }

    /** The live heap's bytes: the class histogram collects before it counts. */
    private static long liveBytes(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
        Matcher total = TOTAL.matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no total in jcmd's histogram: " + out.lines().limit(5).toList());
        }
        return Long.parseLong(total.group(1));
    }

    /** At most this many requests a second, so the token's rate limit never answers 429. */
    private static final class Pace {
        private final long intervalNanos;
        private long due = System.nanoTime();

        Pace(int perSecond) {
            this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        }

        void next() throws InterruptedException {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            due = Math.max(due, System.nanoTime() - intervalNanos) + intervalNanos;
        }
    }

    /** The read API and the resolve action, with the standalone token (every scope). */
    private record Api(int port, HttpClient http) {
        Api(int port) {
            this(port, HttpClient.newHttpClient());
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        }

        /** Open incidents, from {@code alert_incidents_open} on /metrics (the list stops at 1,000). */
        int openCount() throws IOException, InterruptedException {
            String metrics = http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return (int) metrics.lines().filter(line -> line.startsWith("alert_incidents_open{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }

        void resolve(String id) throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(request("/v1/incidents/" + id + "/actions").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"resolve\",\"note\":\"history memory benchmark\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("resolve " + id + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + CrashSoak.TOKEN);
        }
    }
}

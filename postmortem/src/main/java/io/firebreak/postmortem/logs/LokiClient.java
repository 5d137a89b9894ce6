package io.firebreak.postmortem.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.schemas.http.BoundedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort Loki {@code query_range} client for log snippets. Never throws: log evidence must never block a
 * postmortem, so every failure becomes a {@link LokiResult} with a reason, and is logged.
 * 429 and 5xx are retried a few times (contract logql-and-explore.md); 4xx are not.
 */
public final class LokiClient {

    private static final Logger LOG = LoggerFactory.getLogger(LokiClient.class);

    /** Loki rejects long ranges ("the query time range exceeds the limit"); snippets ask for at most this. */
    public static final Duration MAX_WINDOW = Duration.ofHours(6);
    /** A log line in a postmortem is a hint, not the archive: longer ones are cut. */
    static final int MAX_LINE_CHARS = 1000;
    private static final int ATTEMPTS = 3;
    /** A postmortem asks for a few lines of at most Loki's default 256 KB each: a longer answer is not one of ours. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final URI lokiUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration retryBackoff;
    private final ObjectMapper json = new ObjectMapper();

    /** Timeout 10 s per request, 500 ms between retries. */
    public LokiClient(URI lokiUrl) {
        this(lokiUrl, Duration.ofSeconds(10), Duration.ofMillis(500));
    }

    public LokiClient(URI lokiUrl, Duration timeout, Duration retryBackoff) {
        this.lokiUrl = Objects.requireNonNull(lokiUrl, "lokiUrl");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The newest {@code limit} lines matching {@code logql} in the window, each as {@code <UTC time> <line>}.
     * A window longer than {@link #MAX_WINDOW} is cut to its first 6 h: the onset is what a postmortem studies.
     */
    public LokiResult queryRange(String logql, LogWindow window, int limit) {
        LogWindow asked = window.length().compareTo(MAX_WINDOW) > 0
                ? new LogWindow(window.from(), window.from().plus(MAX_WINDOW))
                : window;
        URI uri = URI.create(QueryLinks.queryRange(lokiUrl, logql, asked, limit));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        String lastFailure = "no attempt";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                // the timeout bounds the whole answer: a Loki that stalls mid-body cannot hold the postmortem
                HttpResponse<String> response = BoundedExchange.send(http, request, timeout, MAX_ANSWER_BYTES);
                int status = response.statusCode();
                if (status == 200) {
                    List<String> lines = parse(response.body(), limit);
                    LOG.debug("event=loki_query_ok query=\"{}\" lines={}", logql, lines.size());
                    return LokiResult.ok(lines);
                }
                lastFailure = "Loki answered HTTP " + status;
                if (status != 429 && status < 500) {
                    LOG.warn("event=loki_query_failed status={} query=\"{}\" detail=\"{}\"", status, logql, abbreviate(response.body()));
                    return LokiResult.failed(lastFailure, true);
                }
            } catch (HttpTimeoutException e) {
                LOG.warn("event=loki_query_failed reason=timeout timeout={} query=\"{}\"", timeout, logql);
                return LokiResult.failed("Loki did not answer completely within " + timeout.toMillis() + " ms", false);
            } catch (BoundedExchange.BodyTooLargeException e) {
                LOG.warn("event=loki_query_failed reason=answer_too_large max_bytes={} query=\"{}\"", e.maxBodyBytes(), logql);
                return LokiResult.failed("Loki answered more than " + e.maxBodyBytes() + " bytes", true);
            } catch (IOException e) {
                LOG.warn("event=loki_query_failed reason=unreachable query=\"{}\" error=\"{}\"", logql, e.toString());
                return LokiResult.failed("Loki unreachable (" + e.getClass().getSimpleName() + ")", false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return LokiResult.failed("interrupted while querying Loki", false);
            } catch (RuntimeException e) {
                LOG.warn("event=loki_query_failed reason=bad_answer query=\"{}\" error=\"{}\"", logql, e.toString());
                return LokiResult.failed("unreadable answer from Loki", true);
            }
            if (attempt < ATTEMPTS && !pause(retryBackoff.multipliedBy(attempt))) {
                return LokiResult.failed("interrupted while querying Loki", false);
            }
        }
        LOG.warn("event=loki_query_failed reason=\"{}\" attempts={} query=\"{}\"", lastFailure, ATTEMPTS, logql);
        return LokiResult.failed(lastFailure + " after " + ATTEMPTS + " attempts", true);
    }

    /** Streams answer → all entries of all streams, newest first, the first {@code limit}. */
    private List<String> parse(String body, int limit) throws IOException {
        JsonNode root = json.readTree(body);
        if (!"success".equals(root.path("status").asText())) {
            throw new IllegalStateException("status " + root.path("status").asText());
        }
        JsonNode data = root.path("data");
        if (!"streams".equals(data.path("resultType").asText())) {
            throw new IllegalStateException("resultType " + data.path("resultType").asText() + ", expected streams");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode stream : data.path("result")) {
            for (JsonNode value : stream.path("values")) {
                // Timestamps are nanosecond strings; a long holds them until the year 2262.
                long nanos = Long.parseLong(value.path(0).asText());
                entries.add(new Entry(nanos, value.path(1).asText()));
            }
        }
        return entries.stream()
                .sorted(Comparator.comparingLong(Entry::nanos).reversed())
                .limit(limit)
                .map(Entry::render)
                .toList();
    }

    private record Entry(long nanos, String line) {

        String render() {
            Instant at = Instant.ofEpochSecond(0, nanos);
            String text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line;
            return at + " " + text;
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}

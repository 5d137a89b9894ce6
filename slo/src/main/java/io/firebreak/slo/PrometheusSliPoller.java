package io.firebreak.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.schemas.http.BoundedExchange;
import io.firebreak.slo.config.Durations;
import io.firebreak.slo.config.SliSource;
import io.firebreak.slo.config.SloDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the good/total query pair of every Prometheus-sourced SLO on its interval through the Prometheus HTTP API
 * ({@code GET /api/v1/query?query=...&time=...}) and hands the counts to a {@link SliSampleSink}. Each query should
 * give the increase of a counter over the interval ({@code $interval} is replaced by it), evaluated at the poll
 * instant, so consecutive polls tile time. A failed poll (timeout, non-2xx, unparsable answer) is logged and counted,
 * never thrown: that interval's counts are missing, which the engine treats as no data, not as bad events.
 *
 * <p>Polls fall on multiples of the interval since the epoch on every instance, and an instance polls an SLO only when
 * its {@link SliPollOwnership} gave it the SLO at this tick and at the one before. So when an SLO moves between
 * instances, the old owner's last sample ends at a tick the new owner did not own, and the new owner's first sample
 * starts there: the samples tile time without a repeat (or, when ownership moved twice within one interval, miss that
 * interval).
 */
public final class PrometheusSliPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusSliPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SloDefinition> slos;
    /** An SLI query sums to one number: even a few thousand series before the sum fit many times over. */
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final HttpClient http;
    private final SliSampleSink sink;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final SliPollOwnership ownership;
    /** Per SLO: whether this instance owned it at the previous tick (touched only by the scheduler's one thread). */
    private final Map<String, Boolean> ownedAtLastTick = new ConcurrentHashMap<>();
    /** Per SLO: the last poll instant, so a scheduler running early never samples one interval twice. */
    private final Map<String, Instant> lastPolled = new ConcurrentHashMap<>();

    /** The only instance polling: every SLO is polled. */
    public PrometheusSliPoller(List<SloDefinition> slos, HttpClient http, SliSampleSink sink, Clock clock) {
        this(slos, http, sink, clock, SliPollOwnership.everySlo());
    }

    public PrometheusSliPoller(List<SloDefinition> slos, HttpClient http, SliSampleSink sink, Clock clock, SliPollOwnership ownership) {
        this.ownership = ownership;
        this.slos = slos.stream().filter(slo -> slo.source() instanceof SliSource.Prometheus).toList();
        this.http = http;
        this.sink = sink;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slo-prometheus-poller");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Schedules every Prometheus-sourced SLO on the multiples of its interval; the first poll comes at the second tick
     * (an SLO must be owned at two ticks in a row), so nothing before start is counted.
     */
    public void start() {
        for (SloDefinition slo : slos) {
            long every = ((SliSource.Prometheus) slo.source()).interval().toMillis();
            long untilTick = every - Math.floorMod(clock.millis(), every);
            scheduler.scheduleAtFixedRate(() -> tick(slo), untilTick, every, TimeUnit.MILLISECONDS);
        }
    }

    /** One scheduled tick: polls when this instance owned the SLO at the previous tick too. */
    Optional<SliSample> tick(SloDefinition slo) {
        boolean owned = ownership.owns(slo.name());
        boolean ownedBefore = Boolean.TRUE.equals(ownedAtLastTick.put(slo.name(), owned));
        return owned && ownedBefore ? pollOnce(slo) : Optional.empty();
    }

    /**
     * Polls one SLO at the interval tick nearest to now; the sample (also given to the sink) or empty when the poll
     * failed, saw no traffic, or that tick was polled already.
     */
    public Optional<SliSample> pollOnce(SloDefinition slo) {
        try {
            SliSource.Prometheus source = (SliSource.Prometheus) slo.source();
            Instant at = nearestTick(clock.instant(), source.interval());
            Instant previous = lastPolled.get(slo.name());
            if (previous != null && !at.isAfter(previous)) {
                return Optional.empty();
            }
            lastPolled.put(slo.name(), at);
            double total = query(source, source.totalQuery(), at);
            double good = query(source, source.goodQuery(), at);
            long totalCount = Math.max(0, Math.round(total));
            // good and total come from separate evaluations of counters; clamp small disagreements instead of failing
            long goodCount = Math.min(totalCount, Math.max(0, Math.round(good)));
            if (totalCount == 0) {
                return Optional.empty();
            }
            SliSample sample = new SliSample(slo.name(), at.toEpochMilli(), goodCount, totalCount);
            sink.accept(sample);
            return Optional.of(sample);
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("event=prometheus_sli_poll_failed slo={} host={} reason={}", slo.name(),
                    ((SliSource.Prometheus) slo.source()).url().getHost(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The multiple of {@code interval} since the epoch nearest to {@code now}: the scheduler fires a little late or early. */
    static Instant nearestTick(Instant now, java.time.Duration interval) {
        long every = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli() + every / 2, every) * every);
    }

    /** Polls that failed since start, for a metric or health check. */
    public long failures() {
        return failures.get();
    }

    private double query(SliSource.Prometheus source, String query, Instant at) throws IOException, InterruptedException {
        String expanded = query.replace("$interval", Durations.label(source.interval()));
        String base = source.url().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(expanded, StandardCharsets.UTF_8)
                + "&time=" + String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(source.timeout()).GET().build();
        // the timeout bounds the whole exchange, body included; a runaway query's answer is cut, not buffered
        HttpResponse<String> response = BoundedExchange.send(http, request, source.timeout(), MAX_ANSWER_BYTES);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from Prometheus");
        }
        return valueOf(JSON.readTree(response.body()));
    }

    /** Sum of an instant vector (empty = 0: the counter saw nothing) or the value of a scalar. */
    static double valueOf(JsonNode answer) throws IOException {
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("Prometheus answered status=" + answer.path("status").asText() + " error=" + answer.path("error").asText());
        }
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asText();
        double sum = 0;
        if ("vector".equals(type)) {
            for (JsonNode series : data.path("result")) {
                sum += number(series.path("value"));
            }
        } else if ("scalar".equals(type)) {
            sum = number(data.path("result"));
        } else {
            throw new IOException("expected a vector or scalar result, got " + type);
        }
        return sum;
    }

    private static double number(JsonNode pair) throws IOException {
        double value;
        try {
            value = Double.parseDouble(pair.path(1).asText());
        } catch (NumberFormatException e) {
            throw new IOException("not a number: " + pair, e);
        }
        if (!Double.isFinite(value)) {
            throw new IOException("not a finite number: " + pair);
        }
        return value;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

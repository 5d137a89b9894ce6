package io.firebreak.ingest.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.events.LogRecord;
import io.firebreak.ingest.core.Arrival;
import io.firebreak.ingest.core.EventIds;
import io.firebreak.ingest.core.InvalidPayloadException;
import io.firebreak.ingest.core.Text;
import io.firebreak.ingest.core.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One structured JSON log line → {@link LogRecord}, modelled on the seed's trade-engine line:
 * <pre>{@code {"timestamp":"2026-11-28T09:12:03.512Z","level":"INFO","service":"trade-engine","cluster":"oci-fra-1",
 *   "msg":"order executed","order_id":"o-42","latency_ms":7.4,"status":"FILLED","trace_id":"4bf92f35..."}}</pre>
 * Typed fields take their usual aliases (Fluent Bit, logback, OpenTelemetry); every other field is kept,
 * stringified, in {@code fields}, nested objects flattened with {@code _} as LogQL's {@code | json} does.
 */
public record LogLineMapper(Arrival arrival) {

    static final List<String> SERVICE = List.of("service", "service_name", "app", "application");
    static final List<String> TIME = List.of("timestamp", "ts", "time", "@timestamp", "date");
    static final List<String> LEVEL = List.of("level", "severity", "lvl", "log_level");
    static final List<String> MESSAGE = List.of("msg", "message", "log");
    static final List<String> STATUS = List.of("status", "status_code", "outcome");
    static final List<String> LATENCY = List.of("latency_ms", "latencyMs", "duration_ms", "elapsed_ms");
    static final List<String> TRACE = List.of("trace_id", "traceId", "trace");
    static final List<String> CLUSTER = List.of("cluster");
    private static final Set<String> TYPED = Set.copyOf(concat(SERVICE, TIME, LEVEL, MESSAGE, STATUS, LATENCY, TRACE, CLUSTER));
    /** Free fields kept per line: enough for any real log line, bounded for a hostile one. */
    static final int MAX_FIELDS = 64;
    static final int MAX_SERVICE_CHARS = 200;
    /** Epoch numbers above this are milliseconds (year 2286 in seconds), below it seconds. */
    private static final double MILLIS_THRESHOLD = 1e10;

    /** @throws InvalidPayloadException naming what is wrong with the line */
    public LogRecord map(JsonNode line) {
        if (line == null || !line.isObject()) {
            throw new InvalidPayloadException("invalid_line", "a log line must be a JSON object");
        }
        String service = text(line, SERVICE).orElseThrow(() -> new InvalidPayloadException("invalid_line", "service is required"));
        if (service.length() > MAX_SERVICE_CHARS) {
            throw new InvalidPayloadException("invalid_line", "service is longer than " + MAX_SERVICE_CHARS + " characters");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", line, fields);
        if (fields.size() > MAX_FIELDS) {
            throw new InvalidPayloadException("invalid_line", "more than " + MAX_FIELDS + " fields");
        }
        Optional<Instant> ownTime = ownTime(line);
        return LogRecord.newBuilder()
                // a line stamped by its writer is unique: the same line sent again (a shipper's retry) is a repeat
                .setId(ownTime.map(time -> EventIds.of("log", line.toString())).orElse(null))
                .setService(service)
                .setCluster(arrival.cluster(text(line, CLUSTER).orElse(null)))
                .setAt(ownTime.orElseGet(arrival::receivedAt))
                .setLevel(text(line, LEVEL).orElse(null))
                .setMessage(text(line, MESSAGE).orElse(null))
                .setStatus(text(line, STATUS).orElse(null))
                .setLatencyMs(latency(line).orElse(null))
                .setTraceId(text(line, TRACE).orElse(null))
                .setFields(fields)
                .build();
    }

    /** The time the writer stamped on the line, if it did. */
    private static Optional<Instant> ownTime(JsonNode line) {
        for (String name : TIME) {
            JsonNode value = line.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isNumber()) {
                double epoch = value.asDouble();
                long millis = (long) (epoch >= MILLIS_THRESHOLD ? epoch : epoch * 1000);
                if (!Double.isFinite(epoch) || epoch < 0 || millis > Instant.parse("9999-12-31T23:59:59Z").toEpochMilli()) {
                    throw new InvalidPayloadException("invalid_line", name + " is not a plausible epoch time");
                }
                return Optional.of(Instant.ofEpochMilli(millis));
            }
            if (value.isTextual()) {
                return Timestamps.parse(name, value.asText());
            }
            throw new InvalidPayloadException("invalid_line", name + " must be an RFC 3339 string or epoch seconds/milliseconds");
        }
        return Optional.empty();
    }

    private static Optional<Double> latency(JsonNode line) {
        for (String name : LATENCY) {
            JsonNode value = line.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            Optional<Double> number = value.isNumber() ? Optional.of(value.asDouble()) : parse(value);
            if (number.isEmpty() || !Double.isFinite(number.get()) || number.get() < 0) {
                throw new InvalidPayloadException("invalid_line", name + " must be a non-negative number");
            }
            return number;
        }
        return Optional.empty();
    }

    private static Optional<Double> parse(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.asText().trim()).doubleValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Text of the first present alias; numbers and booleans count (an HTTP status is often 200, not "200"). */
    private static Optional<String> text(JsonNode line, List<String> names) {
        for (String name : names) {
            JsonNode value = line.get(name);
            if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                return Optional.of(value.asText().trim());
            }
        }
        return Optional.empty();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext() && into.size() <= MAX_FIELDS) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (prefix.isEmpty() && TYPED.contains(name) || value.isNull()) {
                continue;
            }
            if (value.isObject()) {
                flatten(name + "_", value, into);
            } else {
                into.put(name, value.isValueNode() ? value.asText() : Text.abbreviate(value.toString(), 4096));
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}

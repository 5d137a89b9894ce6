package io.firebreak.slo;

import io.firebreak.events.LogRecord;
import io.firebreak.slo.config.Indicator;
import java.util.Optional;

/** Judges one log record for one indicator: good, bad, or not an event of this SLO (empty). */
final class SliClassifier {

    private SliClassifier() {
    }

    static Optional<Boolean> isGood(Indicator indicator, LogRecord record) {
        if (indicator instanceof Indicator.Latency latency) {
            return number(record, latency.field()).map(ms -> ms <= latency.threshold().toNanos() / 1_000_000.0);
        }
        if (indicator instanceof Indicator.Errors errors) {
            return text(record, errors.field()).map(status -> !errors.badStatuses().contains(status.toUpperCase(java.util.Locale.ROOT)));
        }
        if (indicator instanceof Indicator.Availability availability) {
            Optional<String> status = text(record, availability.field());
            if (status.isEmpty()) {
                return Optional.empty();
            }
            boolean bad = availability.badStatuses().contains(status.get().toUpperCase(java.util.Locale.ROOT))
                    || (availability.serverErrors() && (is5xx(status.get())
                    || text(record, "status_code").map(SliClassifier::is5xx).orElse(false)
                    || text(record, "http_status").map(SliClassifier::is5xx).orElse(false)));
            return Optional.of(!bad);
        }
        Indicator.Saturation saturation = (Indicator.Saturation) indicator;
        return number(record, saturation.field()).map(value -> value < saturation.threshold());
    }

    private static boolean is5xx(String status) {
        try {
            int code = Integer.parseInt(status.trim());
            return code >= 500 && code <= 599;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A field by its log name: the typed LogRecord fields first (latency_ms, status, level), then the free fields. */
    static Optional<String> text(LogRecord record, String field) {
        String value = switch (field) {
            case "status" -> record.getStatus();
            case "level" -> record.getLevel();
            case "message" -> record.getMessage();
            case "latency_ms", "latencyMs" -> record.getLatencyMs() == null ? null : String.valueOf(record.getLatencyMs());
            default -> record.getFields().get(field);
        };
        if (value == null && !record.getFields().isEmpty()) {
            value = record.getFields().get(field);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static Optional<Double> number(LogRecord record, String field) {
        if (("latency_ms".equals(field) || "latencyMs".equals(field)) && record.getLatencyMs() != null) {
            return Optional.of(record.getLatencyMs());
        }
        return text(record, field).flatMap(text -> {
            try {
                double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
                return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}

package io.firebreak.ingest.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** RFC 3339 timestamps as Go's Alertmanager writes them: 0–9 fractional digits, {@code Z} or an offset. */
public final class Timestamps {

    // RFC 3339 allows lower-case 't' and 'z'; ISO_OFFSET_DATE_TIME alone does not.
    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter();

    private Timestamps() {
    }

    /**
     * The instant (to the millisecond), or empty when absent, blank or Go's zero time ({@code 0001-01-01T00:00:00Z}, meaning
     * "not set").
     *
     * @throws InvalidPayloadException when the text is not RFC 3339
     */
    public static Optional<Instant> parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text.trim(), RFC3339);
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException("invalid_timestamp", field + " is not an RFC 3339 timestamp: '" + abbreviate(text) + "'");
        }
        // RFC 3339 years have four digits; Java would accept +999999999, which Avro's epoch millis cannot hold.
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new InvalidPayloadException("invalid_timestamp", field + " is outside years 0001-9999: '" + abbreviate(text) + "'");
        }
        // Signals carry timestamp-millis: truncate here so a Signal equals itself after a trip through Kafka.
        Instant instant = time.toInstant().truncatedTo(ChronoUnit.MILLIS);
        return instant.isBefore(GO_ZERO_TIME_END) ? Optional.empty() : Optional.of(instant);
    }

    /** Anything in year 1 is Go's zero time, whatever offset the sender wrote it with. */
    private static final Instant GO_ZERO_TIME_END = Instant.parse("0002-01-01T00:00:00Z");

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

package io.firebreak.streams.correlation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Incident ids carry their cluster: {@code <cluster>.<yyyyMMdd>.<sequence>}, e.g.
 * {@code oci-fra-1.20261128.0042}. The sequence counts per cluster per UTC day from 1 and is zero-padded to
 * four digits (a 10000th incident of a day simply gets five). Ingest routes a command to the right
 * partition by taking the cluster back out of the id.
 */
public final class IncidentIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private IncidentIds() {
    }

    public static String day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).format(DAY);
    }

    public static String format(String cluster, String day, long sequence) {
        return String.format("%s.%s.%04d", cluster, day, sequence);
    }

    /** The cluster part of an incident id (cluster names may themselves contain dots). */
    public static String clusterOf(String incidentId) {
        int sequenceDot = incidentId.lastIndexOf('.');
        int dayDot = sequenceDot > 0 ? incidentId.lastIndexOf('.', sequenceDot - 1) : -1;
        if (dayDot <= 0) {
            throw new IllegalArgumentException("'" + incidentId + "' is not an incident id <cluster>.<yyyyMMdd>.<sequence>");
        }
        return incidentId.substring(0, dayDot);
    }
}

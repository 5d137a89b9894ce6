package io.firebreak.ingest.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Incident ids carry their cluster: {@code <cluster>.<yyyyMMdd>.<sequence>} (DESIGN §2), e.g.
 * {@code oci-fra-1.20261128.0042}. Cluster names may contain dots, so the last two parts are the day and
 * the sequence. Ingest keys a lifecycle command by that cluster so it lands on the incident's partition.
 */
public final class IncidentIds {

    /** The two trailing parts: an 8-digit day and a sequence of digits. */
    private static final Pattern TAIL = Pattern.compile("\\.\\d{8}\\.\\d{1,9}");
    /** Generous but bounded: ids end up in Kafka keys, logs and URLs. */
    static final int MAX_LENGTH = 255;

    private IncidentIds() {
    }

    /** The cluster of a well-formed incident id, or empty when the text is not one. */
    public static Optional<String> clusterOf(String incidentId) {
        if (incidentId == null || incidentId.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int sequenceDot = incidentId.lastIndexOf('.');
        int dayDot = sequenceDot > 0 ? incidentId.lastIndexOf('.', sequenceDot - 1) : -1;
        if (dayDot <= 0 || !TAIL.matcher(incidentId.substring(dayDot)).matches()) {
            return Optional.empty();
        }
        String cluster = incidentId.substring(0, dayDot);
        return cluster.isBlank() || cluster.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                ? Optional.empty() : Optional.of(cluster);
    }
}

package io.firebreak.core.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Incident ids carry their cluster: {@code <cluster>.<yyyyMMdd>.<sequence>} (DESIGN §2), e.g.
 * {@code oci-fra-1.20261128.0042}. The sequence counts per cluster per UTC day from 1 and is zero-padded to four digits
 * (a 10000th incident of a day simply gets five). Cluster names may contain dots, so the last two parts are the day
 * and the sequence. Ingest keys a lifecycle command by the cluster taken back out of the id, so the command lands on
 * the partition that holds the incident's state.
 */
public final class IncidentIds {

    /** The two trailing parts: an 8-digit day and a sequence of digits. */
    private static final Pattern TAIL = Pattern.compile("\\.\\d{8}\\.\\d{1,9}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Generous but bounded: ids end up in Kafka keys, logs and URLs. */
    static final int MAX_LENGTH = 255;
    /** Leaves room for the day, the sequence and their dots within {@link #MAX_LENGTH}. */
    static final int MAX_CLUSTER_LENGTH = 200;
    /** What a cluster key may hold: what Kubernetes, cloud and Prometheus users name clusters with. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:-]");

    private IncidentIds() {
    }

    /** The id of the {@code sequence}-th incident of {@code cluster} on {@code day} (as {@link #day} writes it). */
    public static String format(String cluster, String day, long sequence) {
        return String.format("%s.%s.%04d", cluster, day, sequence);
    }

    /**
     * The cluster as firebreak keys it, from the cluster a sender named: the cluster becomes part of the incident id, a
     * URL path segment, a PagerDuty dedup key and a Kafka key, so a character outside {@code [A-Za-z0-9._:-]} (a space,
     * a slash, a newline) becomes {@code -}, and a name longer than 200 characters is cut, its end replaced by a hash of
     * the whole so that long names stay distinct. Refusing such a label instead would drop the page with it
     * (Alertmanager does not retry a 4xx). The signal's own labels keep the name as sent.
     */
    public static String clusterKey(String cluster) {
        String safe = UNSAFE.matcher(cluster.strip()).replaceAll("-");
        if (safe.length() <= MAX_CLUSTER_LENGTH) {
            return safe;
        }
        String hash = HexFormat.of().formatHex(sha256(cluster)).substring(0, 12);
        return safe.substring(0, MAX_CLUSTER_LENGTH - hash.length() - 1) + "-" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The UTC day part of an id for an incident opened at {@code epochMillis}. */
    public static String day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).format(DAY);
    }

    /**
     * The cluster of a well-formed incident id, or empty when the text is not one: text from a URL or a callback is
     * checked here before it becomes a Kafka key.
     */
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

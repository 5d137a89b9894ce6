package io.firebreak.notifiers.slack;

import io.firebreak.events.Notification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The war room's channel name: {@code inc-<yyyymmdd>-<service>-<short id>}, e.g.
 * {@code inc-20261128-trade-engine-0042-5d1c}. Slack allows lowercase letters, digits, '-' and '_', at most 80.
 *
 * <p>The short id is the incident id's last segment (the per-cluster sequence, readable) plus 4 hex digits of a
 * hash of the whole id: two clusters' incident 0042 of the same service on the same day must not share a room,
 * because {@code name_taken} is answered by joining the existing channel — which is right only when that channel
 * is this incident's own, created by an earlier attempt that crashed before posting.
 */
public final class WarRoomNames {

    static final int MAX_LENGTH = 80;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private WarRoomNames() {
    }

    public static String channelName(Notification n) {
        String day = DAY.format(n.getAt());
        String service = sanitize(n.getServices().isEmpty() ? n.getCluster() : n.getServices().get(0));
        String shortId = shortId(n.getIncidentId());
        int room = MAX_LENGTH - "inc-".length() - day.length() - 2 - shortId.length();
        if (service.length() > room) {
            service = service.substring(0, room).replaceAll("-+$", "");
        }
        return "inc-" + day + "-" + (service.isEmpty() ? "incident" : service) + "-" + shortId;
    }

    /** {@code name-2}, {@code name-3}…, still within 80 characters. */
    public static String withSuffix(String name, int n) {
        String suffix = "-" + n;
        return (name.length() + suffix.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH - suffix.length()) : name) + suffix;
    }

    static String shortId(String incidentId) {
        String hash = HexFormat.of().formatHex(sha256(incidentId)).substring(0, 4);
        String[] segments = incidentId.split("[.:/]");
        String last = sanitize(segments.length == 0 ? "" : segments[segments.length - 1]);
        if (last.isEmpty() || last.length() > 8) {
            return hash; // a UUID-like id has no readable sequence: the hash alone is shorter
        }
        return last + "-" + hash;
    }

    /** Lowercase; anything outside [a-z0-9_-] becomes '-'; no leading, trailing or doubled '-'. */
    static String sanitize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

package io.firebreak.notifiers.soar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SOAR event (contracts/standard-webhooks.md "Payload envelope"): {@code {"type","timestamp","data"}} with
 * type {@code incident.opened | incident.updated | incident.acknowledged | incident.resolved}, the time the change
 * happened, and the incident's facts. Same type, same schema forever: fields are only ever added.
 */
public final class SoarEvents {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final ObjectMapper json;

    public SoarEvents(ObjectMapper json) {
        this.json = json;
    }

    public static String type(NotificationKind kind) {
        return switch (kind) {
            case TRIGGER -> "incident.opened";
            case UPDATE -> "incident.updated";
            case ACKNOWLEDGE -> "incident.acknowledged";
            case RESOLVE -> "incident.resolved";
        };
    }

    /**
     * {@code msg_<notification id>}: stable across retries and restarts, so the receiver dedupes. The spec forbids
     * '.' (it separates the signed parts); an id with other characters is sanitised and given a hash of the
     * original so two ids never meet in one webhook-id.
     */
    public static String webhookId(Notification n) {
        String id = n.getId();
        if (SAFE_ID.matcher(id).matches()) {
            return "msg_" + id;
        }
        return "msg_" + id.replaceAll("[^A-Za-z0-9_-]", "_") + "_" + HexFormat.of().formatHex(sha256(id)).substring(0, 8);
    }

    public ObjectNode event(Notification n) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type(n.getKind()));
        event.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(n.getAt()));
        ObjectNode data = event.putObject("data");
        data.put("incident_id", n.getIncidentId());
        data.put("notification_id", n.getId());
        data.put("sequence", n.getIncidentVersion());
        data.put("severity", n.getSeverity().name().toLowerCase(java.util.Locale.ROOT));
        data.put("stage", n.getStage().name());
        data.put("cluster", n.getCluster());
        ArrayNode services = data.putArray("services");
        n.getServices().forEach(services::add);
        data.put("service", n.getServices().isEmpty() ? null : n.getServices().get(0));
        data.put("title", n.getTitle());
        data.put("summary", n.getSummary());
        data.put("root_cause", n.getRootCause());
        data.put("burn", n.getBurnSummary());
        data.put("incident_url", n.getIncidentUrl());
        data.put("runbook_url", n.getRunbookUrl());
        return event;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

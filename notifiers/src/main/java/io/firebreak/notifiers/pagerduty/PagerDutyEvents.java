package io.firebreak.notifiers.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.events.Severity;
import io.firebreak.notifiers.Http;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Maps a {@link Notification} to a PagerDuty Events API v2 body (contracts/pagerduty-events-v2.md).
 * Pure: no HTTP, so every field of the contract is testable on its own.
 */
public final class PagerDutyEvents {

    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;
    /** custom_details should stay small (< 20 KB per the contract); one detail value never needs more. */
    static final int MAX_DETAIL_VALUE = 1000;

    private static final Set<String> RESERVED_DETAILS = Set.of("incident_id", "priority", "severity", "stage", "cluster",
            "services", "root_cause", "burn_summary", "summary", "notification_id", "incident_version", "runbook_url", "details_omitted");

    private final ObjectMapper json;

    public PagerDutyEvents(ObjectMapper json) {
        this.json = json;
    }

    /** TRIGGER and UPDATE both trigger: re-triggering an open alert is how PagerDuty updates its summary. */
    public static String eventAction(NotificationKind kind) {
        return switch (kind) {
            case TRIGGER, UPDATE -> "trigger";
            case ACKNOWLEDGE -> "acknowledge";
            case RESOLVE -> "resolve";
        };
    }

    public static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }

    /** CRITICAL pages as P1 (DESIGN §7); the rest follow in order. */
    public static String priority(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "P1";
            case HIGH -> "P2";
            case MEDIUM -> "P3";
            case LOW -> "P4";
        };
    }

    /**
     * The incident id, which is what makes trigger → acknowledge → resolve land on one PagerDuty alert. Ids over
     * PagerDuty's 255-char limit are shortened deterministically (prefix + hash), so every event of the
     * incident still carries the same key.
     */
    public static String dedupKey(Notification n) {
        String id = n.getIncidentId();
        if (id.length() <= MAX_DEDUP_KEY) {
            return id;
        }
        String hash = sha256(id);
        return id.substring(0, MAX_DEDUP_KEY - hash.length() - 1) + ":" + hash;
    }

    /** At most {@code maxChars} code points (so no emoji is cut in half), ending in … when cut: {@link Http#truncate}. */
    public static String truncate(String text, int maxChars) {
        return Http.truncate(text, maxChars);
    }

    /** The whole request may not exceed 512 KB (PagerDuty answers 400, which would lose the page). */
    static final int MAX_REQUEST_BYTES = 512 * 1024;

    /**
     * The request body as bytes. A trigger too large for PagerDuty is sent again without the free-form details
     * map: a page with fewer details beats a page that never arrives.
     */
    public byte[] bytes(Notification n, String routingKey) throws JsonProcessingException {
        byte[] full = json.writeValueAsBytes(body(n, routingKey, true));
        return full.length <= MAX_REQUEST_BYTES ? full : json.writeValueAsBytes(body(n, routingKey, false));
    }

    public ObjectNode body(Notification n, String routingKey) {
        return body(n, routingKey, true);
    }

    private ObjectNode body(Notification n, String routingKey, boolean withDetails) {
        ObjectNode body = json.createObjectNode();
        String action = eventAction(n.getKind());
        body.put("routing_key", routingKey);
        body.put("event_action", action);
        body.put("dedup_key", dedupKey(n));
        if (!"trigger".equals(action)) {
            return body; // the contract: acknowledge/resolve carry only routing_key, dedup_key, event_action
        }
        body.set("payload", payload(n, withDetails));
        ArrayNode links = links(n);
        if (!links.isEmpty()) {
            body.set("links", links);
        }
        body.put("client", "firebreak");
        if (n.getIncidentUrl() != null) {
            body.put("client_url", n.getIncidentUrl());
        }
        return body;
    }

    private ObjectNode payload(Notification n, boolean withDetails) {
        ObjectNode payload = json.createObjectNode();
        payload.put("summary", truncate(summary(n), MAX_SUMMARY));
        payload.put("source", source(n));
        payload.put("severity", severity(n.getSeverity()));
        payload.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(n.getAt()));
        if (!n.getServices().isEmpty()) {
            payload.put("component", n.getServices().get(0));
        }
        payload.put("group", n.getCluster());
        if (n.getAlertClass() != null) {
            payload.put("class", n.getAlertClass());
        }
        payload.set("custom_details", customDetails(n, withDetails));
        return payload;
    }

    private ObjectNode customDetails(Notification n, boolean withDetails) {
        ObjectNode details = json.createObjectNode();
        details.put("incident_id", n.getIncidentId());
        details.put("notification_id", n.getId());
        details.put("priority", priority(n.getSeverity()));
        details.put("severity", n.getSeverity().name());
        details.put("stage", n.getStage().name());
        details.put("cluster", n.getCluster());
        ArrayNode services = details.putArray("services");
        n.getServices().forEach(services::add);
        putIfPresent(details, "summary", n.getSummary());
        putIfPresent(details, "root_cause", n.getRootCause());
        putIfPresent(details, "burn_summary", n.getBurnSummary());
        putIfPresent(details, "runbook_url", n.getRunbookUrl());
        details.put("incident_version", n.getIncidentVersion());
        if (!withDetails) {
            details.put("details_omitted", n.getDetails().size() + " details left out: the event exceeded PagerDuty's 512 KB limit");
            return details;
        }
        for (Map.Entry<String, String> detail : n.getDetails().entrySet()) {
            // our own fields win: a label called "priority" must not change how the page reads
            if (!RESERVED_DETAILS.contains(detail.getKey()) && !details.has(detail.getKey())) {
                details.put(detail.getKey(), truncate(detail.getValue(), MAX_DETAIL_VALUE));
            }
        }
        return details;
    }

    private ArrayNode links(Notification n) {
        ArrayNode links = json.createArrayNode();
        if (n.getIncidentUrl() != null) {
            links.addObject().put("href", n.getIncidentUrl()).put("text", "Incident " + n.getIncidentId());
        }
        if (n.getRunbookUrl() != null) {
            links.addObject().put("href", n.getRunbookUrl()).put("text", "Runbook");
        }
        return links;
    }

    /** "[CRITICAL] title" — the severity first, because this line is what the phone shows at 3 a.m. */
    private static String summary(Notification n) {
        String headline = !n.getTitle().isBlank() ? n.getTitle()
                : n.getSummary() != null && !n.getSummary().isBlank() ? n.getSummary()
                : "incident " + n.getIncidentId() + " in " + n.getCluster();
        return headline.startsWith("[") ? headline : "[" + n.getSeverity().name() + "] " + headline;
    }

    /** PagerDuty requires a source; fall back from the explicit one to service.cluster to the cluster. */
    private static String source(Notification n) {
        if (n.getSource() != null && !n.getSource().isBlank()) {
            return n.getSource();
        }
        return n.getServices().isEmpty() ? n.getCluster() : n.getServices().get(0) + "." + n.getCluster();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

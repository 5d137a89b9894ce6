package io.firebreak.notifiers.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.Http;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The Teams message: a Bot-Framework envelope with one Adaptive Card 1.4 (contracts/teams.md,
 * samples/teams-adaptive-card.json). Workflows cannot edit a posted card, so every notification after the first is a
 * new card whose title starts with "UPDATE" and names the new status; all carry the incident id in the title.
 * Pure, and kept under the contract's 20 KB budget by truncating free text.
 */
public final class TeamsCards {

    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final int MAX_TEXT = 2000;
    static final int MAX_FACT = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final Optional<URI> dashboardUrl;

    public TeamsCards(ObjectMapper json, Optional<URI> dashboardUrl) {
        this.json = json;
        this.dashboardUrl = dashboardUrl;
    }

    public ObjectNode message(Notification n) {
        ObjectNode message = json.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card(n));
        return message;
    }

    ObjectNode card(Notification n) {
        ObjectNode card = json.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        ObjectNode banner = body.addObject().put("type", "Container").put("style", style(n)).put("bleed", true);
        ArrayNode items = banner.putArray("items");
        items.addObject().put("type", "TextBlock").put("text", Http.truncate(title(n), MAX_TEXT))
                .put("weight", "Bolder").put("size", "Large").put("wrap", true);
        items.addObject().put("type", "TextBlock").put("text", statusLine(n))
                .put("spacing", "None").put("isSubtle", true).put("wrap", true);
        if (present(n.getSummary())) {
            body.addObject().put("type", "TextBlock").put("text", Http.truncate(n.getSummary(), MAX_TEXT)).put("wrap", true);
        }
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Severity", n.getSeverity().name());
        fact(facts, "Stage", n.getStage().name());
        fact(facts, "Services", n.getServices().isEmpty() ? "—" : String.join(", ", n.getServices()));
        fact(facts, "Cluster", n.getCluster());
        if (present(n.getRootCause())) {
            fact(facts, "Root cause", n.getRootCause());
        }
        if (present(n.getBurnSummary())) {
            fact(facts, "SLO burn", n.getBurnSummary());
        }
        fact(facts, "Incident", n.getIncidentId());
        ArrayNode actions = card.putArray("actions");
        if (n.getIncidentUrl() != null) {
            link(actions, "Open incident", n.getIncidentUrl());
        }
        dashboardUrl.ifPresent(url -> link(actions, "Dashboard", url.toString()));
        if (n.getRunbookUrl() != null) {
            link(actions, "Runbook", n.getRunbookUrl());
        }
        return card;
    }

    /** "🔴 oci-fra-1.20261128.0042 · trade-engine p99…", or "UPDATE · ✅ RESOLVED · …" for later cards. */
    static String title(Notification n) {
        String headline = (n.getTitle().isBlank() ? "incident" : n.getTitle());
        String base = icon(n) + " " + n.getIncidentId() + " · " + headline;
        return n.getKind() == NotificationKind.TRIGGER ? base : "UPDATE · " + status(n.getKind()) + " · " + base;
    }

    private static String statusLine(Notification n) {
        return "Status: **" + status(n.getKind()) + "** · " + TIME.format(n.getAt());
    }

    static String status(NotificationKind kind) {
        return switch (kind) {
            case TRIGGER -> "TRIGGERED";
            case UPDATE -> "UPDATED";
            case ACKNOWLEDGE -> "ACKNOWLEDGED";
            case RESOLVE -> "RESOLVED";
        };
    }

    private static String icon(Notification n) {
        if (n.getKind() == NotificationKind.RESOLVE) {
            return "✅";
        }
        return switch (n.getSeverity()) {
            case CRITICAL -> "🔴";
            case HIGH -> "🟠";
            case MEDIUM -> "🟡";
            case LOW -> "⚪";
        };
    }

    private static String style(Notification n) {
        if (n.getKind() == NotificationKind.RESOLVE) {
            return "good";
        }
        return switch (n.getSeverity()) {
            case CRITICAL -> "attention";
            case HIGH, MEDIUM -> "warning";
            case LOW -> "emphasis";
        };
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", Http.truncate(value, MAX_FACT));
    }

    private static void link(ArrayNode actions, String title, String url) {
        actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}

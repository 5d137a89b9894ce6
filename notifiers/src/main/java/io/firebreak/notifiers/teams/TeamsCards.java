package io.firebreak.notifiers.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.core.web.WebLinks;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.Http;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Teams message: a Bot-Framework envelope with one Adaptive Card 1.4 (contracts/teams.md,
 * samples/teams-adaptive-card.json). Workflows cannot edit a posted card, so every notification after the first is a
 * new card whose title starts with "UPDATE" and names the new status; all carry the incident id in the title.
 * Pure, and kept under the contract's 20 KB budget by truncating free text.
 *
 * <p>Alert text is shown, never obeyed: TextBlocks and facts render a Markdown subset (bold, italic, lists,
 * {@code [text](url)}), so the title and summary go into a RichTextBlock, whose TextRuns render no Markdown at all,
 * and fact values (FactSet has no plain-text form) are backslash-escaped. Only web links ({@link WebLinks}) become
 * buttons.
 */
public final class TeamsCards {

    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final int MAX_TEXT = 2000;
    static final int MAX_FACT = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** Emphasis (* _ ~), links and images ([ ] !), code (`), HTML and autolinks (< >), tables (|) and the escape itself. */
    private static final Pattern MARKUP = Pattern.compile("[\\\\*_~\\[\\]!`<>|]");
    /** A heading, quote or list marker at the start: escaped so the value cannot start a block. */
    private static final Pattern LINE_START = Pattern.compile("^(\\s*\\d*)([#+\\-=.)])");

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
        ObjectNode banner = body.addObject().put("type", "Container").put("style", look(n).style()).put("bleed", true);
        ArrayNode items = banner.putArray("items");
        plainText(items, Http.truncate(title(n), MAX_TEXT)).put("weight", "Bolder").put("size", "Large");
        items.addObject().put("type", "TextBlock").put("text", statusLine(n))
                .put("spacing", "None").put("isSubtle", true).put("wrap", true);
        if (present(n.getSummary())) {
            plainText(body, Http.truncate(n.getSummary(), MAX_TEXT));
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
        link(actions, "Open incident", n.getIncidentUrl());
        dashboardUrl.ifPresent(url -> link(actions, "Dashboard", url.toString()));
        link(actions, "Runbook", n.getRunbookUrl());
        return card;
    }

    /** "🔴 oci-fra-1.20261128.0042 · trade-engine p99…", or "UPDATE · ✅ RESOLVED · …" for later cards. */
    static String title(Notification n) {
        String headline = (n.getTitle().isBlank() ? "incident" : n.getTitle());
        String base = look(n).icon() + " " + n.getIncidentId() + " · " + headline;
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

    /** How a notification looks in Teams: the title's icon and the banner's container style. */
    private record Look(String icon, String style) {
    }

    private static Look look(Notification n) {
        if (n.getKind() == NotificationKind.RESOLVE) {
            return new Look("✅", "good");
        }
        return switch (n.getSeverity()) {
            case CRITICAL -> new Look("🔴", "attention");
            case HIGH -> new Look("🟠", "warning");
            case MEDIUM -> new Look("🟡", "warning");
            case LOW -> new Look("⚪", "emphasis");
        };
    }

    /** A RichTextBlock with one TextRun: Adaptive Cards render a TextRun's text as it is, no Markdown. */
    private static ObjectNode plainText(ArrayNode container, String text) {
        ObjectNode block = container.addObject().put("type", "RichTextBlock");
        return block.putArray("inlines").addObject().put("type", "TextRun").put("text", text);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", markdownEscaped(Http.truncate(value, MAX_FACT)));
    }

    /**
     * Text that stays text in a fact: one line (no list can start), and a backslash before every character that
     * starts markup in the card's Markdown subset (CommonMark escapes), including a leading list or heading marker.
     */
    static String markdownEscaped(String text) {
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        String escaped = MARKUP.matcher(oneLine).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
        return LINE_START.matcher(escaped).replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + "\\" + m.group(2)));
    }

    private static void link(ArrayNode actions, String title, String url) {
        if (WebLinks.isWebLink(url)) {
            actions.addObject().put("type", "Action.OpenUrl").put("title", title).put("url", url);
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}

package io.firebreak.notifiers.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.core.web.WebLinks;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.Http;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The incident card in Block Kit (contracts/slack.md "Block Kit basics"): header, summary, facts (severity, stage,
 * status, cluster, services, incident link), top RCA candidate, SLO burn, a context line, and the buttons. Pure:
 * the same notification always renders the same card, so chat.update after a redelivery changes nothing visible.
 *
 * <p>Buttons (the ingest's Slack callback maps them to lifecycle commands; the value is the incident id):
 * {@value #ACK} → ack, {@value #MITIGATE} → mitigate, {@value #RESOLVE} → resolve; {@value #OPEN} is a link button.
 * Buttons that no longer apply are left off (no Acknowledge once acknowledged, none at all once resolved).
 */
public final class SlackCards {

    public static final String ACK = "firebreak_ack";
    public static final String MITIGATE = "firebreak_mitigate";
    public static final String RESOLVE = "firebreak_resolve";
    public static final String OPEN = "firebreak_open";
    public static final String ACTIONS_BLOCK = "firebreak_actions";
    /** Slack message metadata event type: lets anyone find our cards (and their incident) in a channel's history. */
    public static final String METADATA_EVENT = "firebreak_incident";

    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    public SlackCards(ObjectMapper json) {
        this.json = json;
    }

    /** chat.postMessage / chat.update body without channel and ts. */
    public ObjectNode message(Notification n) {
        ObjectNode message = json.createObjectNode();
        message.put("text", fallbackText(n));
        message.set("blocks", blocks(n));
        return message;
    }

    /** The notification text (phones, screen readers, search): always sent alongside blocks. */
    public static String fallbackText(Notification n) {
        String where = headline(n).contains(n.getCluster()) ? "" : " (" + n.getCluster() + ")";
        // escaped like every other mrkdwn text: an alert titled "<!channel>" must not ping the whole channel
        return Http.truncate(escape("[" + n.getSeverity().name() + "] " + headline(n) + where) + " — " + status(n.getKind()), MAX_SECTION);
    }

    public ArrayNode blocks(Notification n) {
        ArrayNode blocks = json.createArrayNode();
        ObjectNode header = blocks.addObject().put("type", "header").put("block_id", "firebreak_header");
        header.putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", Http.truncate(emoji(n) + " " + headline(n), MAX_HEADER));
        if (n.getSummary() != null && !n.getSummary().isBlank()) {
            section(blocks, "firebreak_summary", escape(n.getSummary()));
        }
        ObjectNode facts = blocks.addObject().put("type", "section").put("block_id", "firebreak_facts");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Severity", n.getSeverity().name());
        field(fields, "Stage", n.getStage().name());
        field(fields, "Status", status(n.getKind()));
        field(fields, "Cluster", escape(n.getCluster()));
        field(fields, "Services", n.getServices().isEmpty() ? "—" : escape(String.join(", ", n.getServices())));
        // WebLinks keeps out every character that would end Slack's <url|label> early
        field(fields, "Incident", WebLinks.isWebLink(n.getIncidentUrl())
                ? "<" + n.getIncidentUrl() + "|" + escape(n.getIncidentId()) + ">" : escape(n.getIncidentId()));
        if (present(n.getRootCause())) {
            section(blocks, "firebreak_rca", "*Root cause (top candidate)*\n" + escape(n.getRootCause()));
        }
        if (present(n.getBurnSummary())) {
            section(blocks, "firebreak_burn", "*SLO burn*\n" + escape(n.getBurnSummary()));
        }
        ObjectNode context = blocks.addObject().put("type", "context").put("block_id", "firebreak_context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text",
                "firebreak · " + escape(n.getIncidentId()) + " · version " + n.getIncidentVersion() + " · updated " + TIME.format(n.getAt()));
        ArrayNode buttons = json.createArrayNode();
        if (n.getKind() != NotificationKind.RESOLVE) {
            if (n.getKind() != NotificationKind.ACKNOWLEDGE) {
                button(buttons, ACK, "Acknowledge", n.getIncidentId()).put("style", "primary");
            }
            button(buttons, MITIGATE, "Mitigated", n.getIncidentId());
            button(buttons, RESOLVE, "Resolved", n.getIncidentId()).put("style", "danger");
        }
        if (WebLinks.isWebLink(n.getIncidentUrl())) {
            button(buttons, OPEN, "Open incident", n.getIncidentId()).put("url", n.getIncidentUrl());
        }
        if (!buttons.isEmpty()) {
            blocks.addObject().put("type", "actions").put("block_id", ACTIONS_BLOCK).set("elements", buttons);
        }
        return blocks;
    }

    /** Carries our ids on the message itself (Slack message metadata), independent of how the card reads. */
    public ObjectNode metadata(Notification n) {
        ObjectNode metadata = json.createObjectNode().put("event_type", METADATA_EVENT);
        metadata.putObject("event_payload").put("incident_id", n.getIncidentId()).put("notification_id", n.getId());
        return metadata;
    }

    static String status(NotificationKind kind) {
        return switch (kind) {
            case TRIGGER -> "Triggered";
            case UPDATE -> "Updated";
            case ACKNOWLEDGE -> "Acknowledged";
            case RESOLVE -> "Resolved";
        };
    }

    private static String emoji(Notification n) {
        if (n.getKind() == NotificationKind.RESOLVE) {
            return ":white_check_mark:";
        }
        return switch (n.getSeverity()) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
            case LOW -> ":white_circle:";
        };
    }

    private static String headline(Notification n) {
        return !n.getTitle().isBlank() ? n.getTitle() : "incident " + n.getIncidentId();
    }

    private static void section(ArrayNode blocks, String id, String mrkdwn) {
        blocks.addObject().put("type", "section").put("block_id", id)
                .putObject("text").put("type", "mrkdwn").put("text", Http.truncate(mrkdwn, MAX_SECTION));
    }

    private static void field(ArrayNode fields, String title, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", Http.truncate("*" + title + "*\n" + value, MAX_FIELD));
    }

    private static ObjectNode button(ArrayNode buttons, String actionId, String label, String incidentId) {
        ObjectNode button = buttons.addObject().put("type", "button").put("action_id", actionId).put("value", incidentId);
        button.putObject("text").put("type", "plain_text").put("text", label).put("emoji", true);
        return button;
    }

    /** Slack mrkdwn: only &, < and > are special (contract); everything else is shown as is. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}

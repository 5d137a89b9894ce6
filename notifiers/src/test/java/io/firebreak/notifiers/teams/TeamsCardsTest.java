package io.firebreak.notifiers.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Notification;
import io.firebreak.notifiers.TestNotifications;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an alert's text can and cannot do in a Teams card: it is shown, never rendered as Markdown or a link. */
class TeamsCardsTest {

    static final String LINK = "[click here](https://evil.example/login)";

    private final TeamsCards cards = new TeamsCards(new ObjectMapper(), Optional.of(URI.create("https://firebreak.example/")));

    @Test
    void titleAndSummaryAreTextRunsThatRenderNoMarkdown() {
        Notification n = TestNotifications.critical().setTitle("**URGENT** " + LINK).setSummary("- pay _now_\n1. " + LINK).build();

        JsonNode card = cards.card(n);

        assertThat(card.at("/body/0/items/0/type").asText()).isEqualTo("RichTextBlock");
        assertThat(card.at("/body/0/items/0/inlines/0/type").asText()).isEqualTo("TextRun");
        assertThat(card.at("/body/0/items/0/inlines/0/text").asText()).endsWith("**URGENT** " + LINK);
        assertThat(card.at("/body/1/type").asText()).isEqualTo("RichTextBlock");
        assertThat(card.at("/body/1/inlines/0/text").asText()).isEqualTo("- pay _now_\n1. " + LINK);
        assertThat(textBlocks(card)).as("TextBlocks render Markdown: none may carry alert text")
                .noneMatch(text -> text.contains("URGENT") || text.contains("evil.example") || text.contains("pay"));
    }

    @Test
    void labelsInFactsAreEscapedSoTheyCannotFormatOrLink() {
        Notification n = TestNotifications.critical().setCluster("- " + LINK).setServices(List.of("*svc*", "_b_"))
                .setRootCause("<https://evil.example> ![img](https://evil.example/x.png) `code` | cell")
                .setBurnSummary("# heading\n> quote").setIncidentId("1. " + LINK).build();

        JsonNode facts = cards.card(n).at("/body/2/facts");

        assertThat(value(facts, "Cluster")).isEqualTo("\\- \\[click here\\](https://evil.example/login)");
        assertThat(value(facts, "Services")).isEqualTo("\\*svc\\*, \\_b\\_");
        assertThat(value(facts, "Root cause"))
                .isEqualTo("\\<https://evil.example\\> \\!\\[img\\](https://evil.example/x.png) \\`code\\` \\| cell");
        assertThat(value(facts, "SLO burn")).isEqualTo("\\# heading \\> quote");
        assertThat(value(facts, "Incident")).isEqualTo("1\\. \\[click here\\](https://evil.example/login)");
        assertThat(value(facts, "Severity")).isEqualTo("CRITICAL");
    }

    @Test
    void ordinaryLabelsReadAsWritten() {
        JsonNode facts = cards.card(TestNotifications.critical().build()).at("/body/2/facts");

        assertThat(value(facts, "Cluster")).isEqualTo("oci-fra-1");
        assertThat(value(facts, "Root cause")).isEqualTo("risk-service (score 0.82): upstream latency, deploy v2.14.1");
    }

    @Test
    void onlyWebLinksBecomeButtons() {
        Notification hostile = TestNotifications.critical().setIncidentUrl("javascript:alert(1)")
                .setRunbookUrl("data:text/html,<script>alert(1)</script>").build();

        JsonNode actions = cards.card(hostile).get("actions");

        assertThat(actions).extracting(a -> a.get("title").asText()).containsExactly("Dashboard");
        assertThat(cards.card(TestNotifications.critical().build()).get("actions")).extracting(a -> a.get("title").asText())
                .containsExactly("Open incident", "Dashboard", "Runbook");
    }

    private static String value(JsonNode facts, String title) {
        for (JsonNode fact : facts) {
            if (fact.get("title").asText().equals(title)) {
                return fact.get("value").asText();
            }
        }
        throw new AssertionError("no fact " + title + " in " + facts);
    }

    private static List<String> textBlocks(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if ("TextBlock".equals(node.path("type").asText())) {
            texts.add(node.path("text").asText());
        }
        node.elements().forEachRemaining(child -> texts.addAll(textBlocks(child)));
        return texts;
    }
}

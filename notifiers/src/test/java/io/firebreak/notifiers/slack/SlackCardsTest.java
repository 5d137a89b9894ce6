package io.firebreak.notifiers.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.TestNotifications;
import org.junit.jupiter.api.Test;

/** What an alert's text can and cannot do in a Slack card: it is shown, never obeyed. */
class SlackCardsTest {

    private final SlackCards cards = new SlackCards(new ObjectMapper());

    @Test
    void aTitleWithAMentionDoesNotPingTheChannelInTheFallbackText() {
        Notification n = TestNotifications.critical().setTitle("<!channel> disk full <@U0ADMIN> <https://evil.example|click>")
                .setKind(NotificationKind.TRIGGER).build();

        String text = cards.message(n).get("text").asText();

        assertThat(text).contains("&lt;!channel&gt; disk full &lt;@U0ADMIN&gt; &lt;https://evil.example|click&gt;")
                .doesNotContain("<!channel>").doesNotContain("<@U0ADMIN>");
    }

    @Test
    void onlyAPlainHttpIncidentUrlBecomesALinkOrAButton() {
        JsonNode safe = cards.message(TestNotifications.critical().setIncidentUrl("https://firebreak.example/?incident=oci-fra-1.20261201.0042")
                .setKind(NotificationKind.TRIGGER).build());
        assertThat(safe.toString()).contains("<https://firebreak.example/?incident=oci-fra-1.20261201.0042|")
                .contains("\"url\":\"https://firebreak.example/?incident=oci-fra-1.20261201.0042\"");

        for (String hostile : new String[] {"javascript:alert(1)", "https://firebreak.example/?x=1|<!channel>", "https://a.example/ b"}) {
            JsonNode card = cards.message(TestNotifications.critical().setIncidentUrl(hostile).setKind(NotificationKind.TRIGGER).build());
            assertThat(card.toString()).as(hostile).doesNotContain(hostile.replace("\"", "\\\""));
        }
    }
}

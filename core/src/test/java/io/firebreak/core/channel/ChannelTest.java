package io.firebreak.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void theChannelsAreThoseOfTheDesignWithTheirWireNames() {
        // names are a public interface (topics, consumer groups, the CLI): spelled out here so a rename fails
        assertThat(Channel.ids()).containsExactly("pagerduty", "slack", "teams", "soar");
    }

    @Test
    void aChannelsTopicsFollowTheDesignsNaming() {
        assertThat(Channel.SLACK.notifyTopic()).isEqualTo("firebreak.notify.slack.v1");
        assertThat(Channel.PAGERDUTY.deadLetterTopic()).isEqualTo("firebreak.notify.pagerduty.dlq.v1");
    }

    @Test
    void aNameOnTheWireFindsItsChannelExactly() {
        assertThat(Channel.named("teams")).contains(Channel.TEAMS);
        assertThat(Channel.named("Teams")).isEmpty();
        assertThat(Channel.named("slack-war-room")).as("a receiver, not a channel").isEmpty();
    }

    @Test
    void anUnknownChannelIsRefusedNamingItAndTheChoices() {
        assertThatThrownBy(() -> Channel.of("email"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'email'").hasMessageContaining("[pagerduty, slack, teams, soar]");
    }
}

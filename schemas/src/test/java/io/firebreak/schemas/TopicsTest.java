package io.firebreak.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.core.channel.Channel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Topic names are a public interface (DESIGN §2): start-up creates exactly these, whatever the code around them. */
class TopicsTest {

    @Test
    void startUpCreatesEveryTopicOfTheDesignWithEachChannelsNotifyAndDeadLetterTopic() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactly(
                "firebreak.signals.v1", "firebreak.changes.v1", "firebreak.rca.v1", "firebreak.logs.v1", "firebreak.burn.v1",
                "firebreak.actions.v1", "firebreak.incidents.v1", "firebreak.incident-signals.v1", "firebreak.deliveries.v1",
                "firebreak.postmortems.v1", "firebreak.maintenance.v1",
                "firebreak.notify.pagerduty.v1", "firebreak.notify.pagerduty.dlq.v1",
                "firebreak.notify.slack.v1", "firebreak.notify.slack.dlq.v1",
                "firebreak.notify.teams.v1", "firebreak.notify.teams.dlq.v1",
                "firebreak.notify.soar.v1", "firebreak.notify.soar.dlq.v1");
    }

    @Test
    void notificationsAreKeptSevenDaysAndDeadLettersThirty() {
        assertThat(Topics.notify(Channel.TEAMS).retention()).isEqualTo(Optional.of(Duration.ofDays(7)));
        assertThat(Topics.deadLetters(Channel.TEAMS).retention()).isEqualTo(Optional.of(Duration.ofDays(30)));
    }

    @Test
    void aChannelNamedOnTheWireFindsTheSameTopicAndAnUnknownNameIsRefused() {
        assertThat(Topics.notify("slack")).isEqualTo(Topics.notify(Channel.SLACK));
        assertThat(Topics.deadLetters("soar")).isEqualTo(Topics.deadLetters(Channel.SOAR));
        assertThatThrownBy(() -> Topics.notify("slack-war-room")).hasMessageContaining("unknown notification channel 'slack-war-room'");
    }
}

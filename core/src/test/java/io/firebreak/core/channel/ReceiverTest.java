package io.firebreak.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReceiverTest {

    @Test
    void theReceiversAreThoseOfTheConfigWithTheChannelTheyDeliverThrough() {
        assertThat(Receiver.ids()).containsExactly("pagerduty", "slack", "slack-war-room", "teams", "soar");
        assertThat(Receiver.named("slack-war-room").map(Receiver::channel)).contains(Channel.SLACK);
        assertThat(Receiver.named("soar").map(Receiver::channel)).contains(Channel.SOAR);
        assertThat(Receiver.named("email")).isEmpty();
    }

    @Test
    void onlyPagerDutyPagesOnlyTheWarRoomOpensOneOnlySoarHearsEveryChange() {
        assertThat(Arrays.stream(Receiver.values()).filter(Receiver::pages)).containsExactly(Receiver.PAGERDUTY);
        assertThat(Arrays.stream(Receiver.values()).filter(Receiver::opensWarRoom)).containsExactly(Receiver.SLACK_WAR_ROOM);
        assertThat(Arrays.stream(Receiver.values()).filter(Receiver::hearsEveryChange)).containsExactly(Receiver.SOAR);
        assertThat(Receiver.ids().stream().filter(Receiver::paging)).containsExactly("pagerduty");
        assertThat(Receiver.paging("email")).as("a name no receiver has").isFalse();
    }

    @Test
    void everyChannelHasAReceiverSoThatARouteCanReachIt() {
        assertThat(Arrays.stream(Receiver.values()).map(Receiver::channel).distinct()).containsExactlyInAnyOrder(Channel.values());
    }
}

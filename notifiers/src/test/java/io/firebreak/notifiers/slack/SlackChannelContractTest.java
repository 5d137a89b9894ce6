package io.firebreak.notifiers.slack;

import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.ChannelContract;
import io.firebreak.notifiers.Http;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.TestNotifications;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

class SlackChannelContractTest extends ChannelContract {

    static final String TOKEN = "xoxb-1111-2222-SECRETSLACKTOKENabcd";

    @Override
    protected Notifier notifier(URI base, Duration timeout) {
        SlackSettings channel = new SlackSettings(base.resolve("/api"), Optional.of(TOKEN), "C0ALERTS01", List.of(), timeout);
        SlackSettings warRoom = new SlackSettings(base.resolve("/api"), Optional.of(TOKEN), "", List.of("U012AB3CD"), timeout);
        return new SlackNotifier(channel, warRoom, RetryPolicy.defaults(), new InMemorySlackMessages(), Http.client(timeout), Clock.systemUTC());
    }

    @Override
    protected MockResponse accepted() {
        return new MockResponse.Builder().code(200).body("{\"ok\":true,\"channel\":\"C0ALERTS01\",\"ts\":\"1795857125.004900\"}").build();
    }

    @Override
    protected Notification notification() {
        return TestNotifications.forReceiver("slack", "slack", NotificationKind.TRIGGER);
    }

    @Override
    protected List<String> secrets() {
        return List.of(TOKEN);
    }
}

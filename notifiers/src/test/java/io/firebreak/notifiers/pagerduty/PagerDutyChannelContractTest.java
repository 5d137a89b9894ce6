package io.firebreak.notifiers.pagerduty;

import io.firebreak.events.Notification;
import io.firebreak.events.NotificationKind;
import io.firebreak.notifiers.ChannelContract;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.TestNotifications;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;

class PagerDutyChannelContractTest extends ChannelContract {

    static final String ROUTING_KEY = "R0UT1NGKEYEXAMPLE00000000000wxyz";

    @Override
    protected Notifier notifier(URI base, Duration timeout) {
        return new PagerDutyNotifier(new PagerDutySettings(base.resolve("/v2/enqueue"), Optional.of(ROUTING_KEY), timeout),
                RetryPolicy.defaults());
    }

    @Override
    protected MockResponse accepted() {
        return new MockResponse.Builder().code(202).body("{\"status\":\"success\",\"dedup_key\":\"" + TestNotifications.INCIDENT + "\"}").build();
    }

    @Override
    protected Notification notification() {
        return TestNotifications.critical(NotificationKind.TRIGGER);
    }

    @Override
    protected List<String> secrets() {
        return List.of(ROUTING_KEY);
    }
}

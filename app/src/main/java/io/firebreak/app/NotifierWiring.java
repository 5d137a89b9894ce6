package io.firebreak.app;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.firebreak.app.config.ReceiversConfig;
import io.firebreak.app.kafka.InstanceId;
import io.firebreak.core.channel.Channel;
import io.firebreak.notifiers.DeliveriesSlackMessages;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.NotifierMetrics;
import io.firebreak.notifiers.NotifierService;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.pagerduty.PagerDutyNotifier;
import io.firebreak.notifiers.pagerduty.PagerDutySettings;
import io.firebreak.notifiers.slack.SlackNotifier;
import io.firebreak.notifiers.slack.SlackSettings;
import io.firebreak.notifiers.soar.SoarNotifier;
import io.firebreak.notifiers.soar.SoarSettings;
import io.firebreak.notifiers.teams.TeamsNotifier;
import io.firebreak.notifiers.teams.TeamsSettings;
import io.firebreak.schemas.Serdes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@link NotifierService} (consumer group) per channel, so one channel's outage never delays another. */
final class NotifierWiring {

    private final FirebreakConfiguration config;
    private final NotifierMetrics.Families metrics;

    NotifierWiring(FirebreakConfiguration config, NotifierMetrics.Families metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void start(Environment environment, Map<String, Object> kafkaConfig, Serdes serdes, InstanceId instance) {
        RetryPolicy policy = RetryPolicy.defaults();
        for (Channel channel : Channel.values()) {
            // static membership: after a crash the restarted instance pages again at once, not after a 45 s session timeout
            NotifierService service = new NotifierService(channel.id(), notifier(channel, policy, kafkaConfig, serdes), policy, kafkaConfig,
                    serdes, metrics, Optional.of(instance.groupInstanceId("notify-" + channel.id())));
            environment.lifecycle().manage(Lifecycle.managed(service::start, service::close));
            environment.healthChecks().register("notifier-" + channel.id(), new HealthCheck() {
                @Override
                protected Result check() {
                    return service.healthy()
                            ? Result.healthy("lag=%d", service.lag())
                            : Result.unhealthy("lag=%d %s", service.lag(), service.failure().orElse(""));
                }
            });
        }
    }

    /**
     * The channel's notifier; without credentials each one is a log receiver (the standalone default). The switch
     * names every {@link Channel}, so a channel added without its notifier does not compile.
     */
    private Notifier notifier(Channel channel, RetryPolicy policy, Map<String, Object> kafkaConfig, Serdes serdes) {
        var receivers = config.receivers;
        return switch (channel) {
            case PAGERDUTY -> PagerDutyNotifier.fromSettings(new PagerDutySettings(URI.create(receivers.pagerduty.url),
                    secret(receivers.pagerduty.routingKey), receivers.pagerduty.timeout.toJavaDuration(), receivers.pagerduty.routingKeys), policy);
            case SLACK -> SlackNotifier.fromSettings(slack(receivers.slack, receivers.slack.channel, List.of()),
                    slack(receivers.slackWarRoom, "", receivers.slackWarRoom.invite), policy, new DeliveriesSlackMessages(kafkaConfig, serdes));
            case TEAMS -> TeamsNotifier.fromSettings(TeamsSettings.of(receivers.teams.webhookUrl, Optional.of(URI.create(config.publicUrl))), policy);
            case SOAR -> SoarNotifier.fromSettings(SoarSettings.of(secret(receivers.soar.url).map(URI::create), receivers.soar.secrets), policy);
        };
    }

    private static SlackSettings slack(ReceiversConfig.Slack slack, String channel, List<String> invite) {
        return new SlackSettings(URI.create(slack.apiUrl), secret(slack.token), channel, List.copyOf(invite), SlackSettings.DEFAULT_TIMEOUT);
    }

    private static Optional<String> secret(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}

package io.firebreak.app;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.firebreak.notifiers.LogNotifier;
import io.firebreak.notifiers.Notifier;
import io.firebreak.notifiers.NotifierService;
import io.firebreak.notifiers.RetryPolicy;
import io.firebreak.notifiers.pagerduty.PagerDutyNotifier;
import io.firebreak.notifiers.pagerduty.PagerDutySettings;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** One {@link NotifierService} (consumer group) per channel, so one channel's outage never delays another. */
final class NotifierWiring {

    private final FirebreakConfiguration config;
    private final MetricRegistry metrics;

    NotifierWiring(FirebreakConfiguration config, MetricRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void start(Environment environment, Map<String, Object> kafkaConfig, Serdes serdes) {
        RetryPolicy policy = RetryPolicy.defaults();
        for (String channel : Topics.CHANNELS) {
            NotifierService service = new NotifierService(channel, notifier(channel, policy), policy, kafkaConfig, serdes, metrics);
            environment.lifecycle().manage(new Managed() {
                @Override
                public void start() {
                    service.start();
                }

                @Override
                public void stop() {
                    service.close();
                }
            });
            environment.healthChecks().register("notifier-" + channel, new HealthCheck() {
                @Override
                protected Result check() {
                    return service.healthy()
                            ? Result.healthy("lag=%d", service.lag())
                            : Result.unhealthy("lag=%d %s", service.lag(), service.failure().orElse(""));
                }
            });
        }
    }

    private Notifier notifier(String channel, RetryPolicy policy) {
        if (channel.equals("pagerduty")) {
            var pd = config.receivers.pagerduty;
            Optional<String> routingKey = Optional.ofNullable(pd.routingKey).filter(k -> !k.isBlank());
            return PagerDutyNotifier.fromSettings(new PagerDutySettings(URI.create(pd.url), routingKey, pd.timeout.toJavaDuration()), policy);
        }
        return new LogNotifier(channel);
    }
}

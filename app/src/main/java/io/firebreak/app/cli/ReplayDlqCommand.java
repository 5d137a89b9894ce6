package io.firebreak.app.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.core.channel.Channel;
import io.firebreak.notifiers.DlqReplayer;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topics;
import java.time.Instant;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code replay-dlq <channel> [--from ISO-instant] firebreak.yml}: after fixing what made a channel refuse
 * notifications (a revoked token, a wrong channel), sends its dead letters through the channel again. Notification
 * ids are kept, so receivers that deduplicate (PagerDuty dedup_key, Slack card, webhook-id) see no duplicates.
 */
public final class ReplayDlqCommand extends ConfiguredCommand<FirebreakConfiguration> {

    private final Application<FirebreakConfiguration> application;

    public ReplayDlqCommand(Application<FirebreakConfiguration> application) {
        super("replay-dlq", "Re-sends a notification channel's dead-letter queue after a fix");
        this.application = application;
    }

    @Override
    protected Class<FirebreakConfiguration> getConfigurationClass() {
        return application.getConfigurationClass();
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("channel").choices(Channel.ids()).help("notification channel");
        subparser.addArgument("--from").help("only dead letters written at or after this ISO-8601 instant");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<FirebreakConfiguration> bootstrap, Namespace namespace, FirebreakConfiguration config) {
        DlqReplayer replayer = new DlqReplayer(config.kafka.clientSettings(), new Serdes(config.kafka.registryClient()));
        String channel = namespace.getString("channel");
        String from = namespace.getString("from");
        long count = from == null ? replayer.replay(channel) : replayer.replay(channel, Instant.parse(from));
        System.out.printf("re-sent %d dead letter(s) of %s to %s%n", count, channel, Topics.notify(channel).name());
    }
}

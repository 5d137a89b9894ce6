package io.firebreak.app.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.firebreak.app.FirebreakConfiguration;
import io.firebreak.core.channel.Channel;
import io.firebreak.notifiers.DlqReplayer;
import io.firebreak.schemas.DeadLetterTopic;
import io.firebreak.schemas.Serdes;
import io.firebreak.schemas.Topic;
import io.firebreak.schemas.Topics;
import io.firebreak.schemas.kafka.errors.DeadLetterReplay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code replay-dlq <channel|correlation|slo> [--from ISO-instant] firebreak.yml}: after fixing what made a channel
 * refuse notifications (a revoked token, a wrong channel), sends its dead letters through the channel again;
 * notification ids are kept, so receivers that deduplicate (PagerDuty dedup_key, Slack card, webhook-id) see no
 * duplicates. For {@code correlation} and {@code slo}, the inputs their Kafka Streams application parked (a record it
 * could not read or process) go back to the topic each was read from, once a fixed build runs: ingest's ids make a
 * signal or change that did get through the first time a repeat, not a second event.
 */
public final class ReplayDlqCommand extends ConfiguredCommand<FirebreakConfiguration> {

    private static final Map<String, DeadLetterTopic> STREAMS_DLQS = Map.of("correlation", Topics.CORRELATION_DLQ, "slo", Topics.SLO_DLQ);

    private final Application<FirebreakConfiguration> application;

    public ReplayDlqCommand(Application<FirebreakConfiguration> application) {
        super("replay-dlq", "Re-sends a notification channel's dead-letter queue, or the parked inputs of correlation or slo, after a fix");
        this.application = application;
    }

    @Override
    protected Class<FirebreakConfiguration> getConfigurationClass() {
        return application.getConfigurationClass();
    }

    @Override
    public void configure(Subparser subparser) {
        List<String> targets = new ArrayList<>(Channel.ids());
        targets.addAll(STREAMS_DLQS.keySet());
        subparser.addArgument("channel").choices(targets).help("notification channel, or correlation / slo for the parked inputs of "
                + "the correlation or SLO streams application");
        subparser.addArgument("--from").help("only dead letters written at or after this ISO-8601 instant");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<FirebreakConfiguration> bootstrap, Namespace namespace, FirebreakConfiguration config) {
        String channel = namespace.getString("channel");
        String from = namespace.getString("from");
        DeadLetterTopic streamsDlq = STREAMS_DLQS.get(channel);
        if (streamsDlq != null) {
            Set<String> inputs = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
            long count = new DeadLetterReplay(config.kafka.clientSettings()).replay(streamsDlq.name(), DeadLetterReplay.groupOf(streamsDlq),
                    Optional.ofNullable(from).map(Instant::parse), parked -> DeadLetterReplay.toSource(parked, inputs));
            System.out.printf("re-sent %d parked input(s) of %s to the topics they were read from%n", count, streamsDlq.name());
            return;
        }
        DlqReplayer replayer = new DlqReplayer(config.kafka.clientSettings(), new Serdes(config.kafka.registryClient()));
        long count = from == null ? replayer.replay(channel) : replayer.replay(channel, Instant.parse(from));
        System.out.printf("re-sent %d dead letter(s) of %s to %s%n", count, channel, Topics.notify(channel).name());
    }
}
